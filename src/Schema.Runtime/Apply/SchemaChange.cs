using System.Collections.Generic;
using System.Linq;

namespace Schemata;

/// <summary>One difference between the model and the database, with the statements that resolve it.</summary>
public sealed record SchemaChange
{
    internal SchemaChange(string description, IReadOnlyList<SchemaStatement> statements)
    {
        Description = description;
        Statements = statements;
    }

    /// <summary>What changes, e.g. <c>add column users.nickname</c>.</summary>
    public string Description { get; internal init; }

    /// <summary>The statements that make the change, in the order they run (their phases may differ).</summary>
    public IReadOnlyList<SchemaStatement> Statements { get; }

    /// <summary>Why the change can lose data or stop enforcing a rule; <see langword="null"/> when it cannot.</summary>
    public string? DestructiveReason { get; internal init; }

    /// <summary>Whether the change can lose data; such changes run only when explicitly allowed.</summary>
    public bool IsDestructive => DestructiveReason is not null;

    /// <summary>
    /// Why the change cannot be made online: it rewrites a table with rows or scans it under a lock that blocks
    /// writers; the reason says the online way to get there. <see langword="null"/> when it is online.
    /// </summary>
    public string? HazardReason { get; internal init; }

    /// <summary>Whether the change blocks writers while it scans or rewrites; such changes run only when hazards are allowed.</summary>
    public bool IsHazard => HazardReason is not null;

    /// <summary>
    /// Why the change cannot succeed on the data the database holds (NULLs in a column that becomes NOT NULL without a
    /// default, duplicates under a new unique index, rows a new check or foreign key rejects, values a narrower type
    /// cannot hold), with the number of rows and what to do instead. Such a plan is always refused, before anything runs.
    /// </summary>
    public string? BlockedReason { get; internal init; }

    /// <summary>Whether the change would fail on the rows the database holds.</summary>
    public bool IsBlocked => BlockedReason is not null;

    /// <summary>
    /// Why instances of the previous version, still running during a rolling deploy, would fail once this change is
    /// made (they read or write a column that goes away, or insert rows without a new required column).
    /// </summary>
    public string? BreaksPreviousVersion { get; internal init; }

    /// <summary>The privilege a <c>GRANT</c> change gives: the model owns it from then on, and only what it owns is ever revoked.</summary>
    internal GrantTarget? Grant { get; init; }

    /// <summary>The data step the change runs, recorded as done once it finished.</summary>
    internal DataStepModel? DataStep { get; init; }

    /// <summary>The data step of this apply the change relies on (a NOT NULL over the column it fills): set aside when that step fails.</summary>
    internal DataStepModel? AfterDataStep { get; init; }

    /// <summary>Whether the change creates, alters or drops a type, so connections must load the types again.</summary>
    internal bool ChangesTypes { get; init; }

    /// <summary>The phase the change starts in.</summary>
    public ApplyPhase Phase => Statements.Count == 0 ? ApplyPhase.Change : Statements[0].Phase;

    /// <summary>Whether the change runs, and commits, before everything else: new enum values.</summary>
    public bool RunsFirst => Phase == ApplyPhase.AddEnumValues;

    /// <summary>Whether every statement lets writers go on.</summary>
    public bool IsOnline => Statements.All(s => s.IsOnline);

    /// <inheritdoc/>
    public override string ToString()
        => Description
            + (IsBlocked ? $" (cannot run: {BlockedReason})" : string.Empty)
            + (IsDestructive ? $" (destructive: {DestructiveReason})" : string.Empty)
            + (IsHazard ? $" (hazard: {HazardReason})" : string.Empty);
}
