using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Schemata;

/// <summary>
/// An apply was refused before anything ran: the plan holds changes that would fail on the rows the database holds
/// (always refused), destructive changes that were not allowed (or, in production, not confirmed), or hazards (changes
/// that block writers while they rewrite or scan a table) that were not allowed. Nothing was changed; each change
/// says why, and what to do instead.
/// </summary>
public sealed class SchemaRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public SchemaRefusedException()
        : this("Schema changes were refused.")
    {
    }

    /// <summary>Creates the refusal with a message.</summary>
    /// <param name="message">What was refused.</param>
    public SchemaRefusedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the refusal with a message and a cause.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SchemaRefusedException(string message, Exception? innerException)
        : base(message, innerException) => Changes = [];

    internal SchemaRefusedException(IReadOnlyList<SchemaChange> changes, bool inProduction, bool destructiveAllowed, bool hazardsAllowed)
        : base(Describe(changes, inProduction, destructiveAllowed, hazardsAllowed)) => Changes = changes;

    /// <summary>The refused changes: blocked ones, then destructive ones, then hazards.</summary>
    public IReadOnlyList<SchemaChange> Changes { get; }

    /// <summary>Changes that would fail on the rows the database holds.</summary>
    public IReadOnlyList<SchemaChange> Blocked => [.. Changes.Where(c => c.IsBlocked)];

    /// <summary>Destructive changes that were not allowed or not confirmed.</summary>
    public IReadOnlyList<SchemaChange> Destructive => [.. Changes.Where(c => c.IsDestructive && !c.IsBlocked)];

    /// <summary>Hazards that were not allowed.</summary>
    public IReadOnlyList<SchemaChange> Hazards => [.. Changes.Where(c => c.IsHazard && !c.IsBlocked && !c.IsDestructive)];

    private static string Describe(IReadOnlyList<SchemaChange> changes, bool inProduction, bool destructiveAllowed, bool hazardsAllowed)
    {
        var text = new StringBuilder();
        text.Append("Refused ").Append(changes.Count).Append(" schema change(s); nothing was changed:");
        foreach (var change in changes)
        {
            text.Append("\n  - ").Append(change.Description);
            if (change.IsBlocked)
            {
                text.Append("\n      cannot run: ").Append(change.BlockedReason);
            }

            if (change.IsDestructive && !destructiveAllowed)
            {
                text.Append("\n      destructive: ").Append(change.DestructiveReason);
            }

            if (change.IsHazard && !hazardsAllowed)
            {
                text.Append("\n      hazard: ").Append(change.HazardReason);
            }
        }

        text.Append('\n');
        if (changes.Any(c => c.IsDestructive) && !destructiveAllowed)
        {
            text.Append(inProduction
                ? $"This is a production environment: destructive changes need ApplyOptions.AllowDestructive (`schema apply --allow-destructive`) and {ApplyOptions.ConfirmProductionVariable}=true. "
                : "Destructive changes need ApplyOptions.AllowDestructive (`schema apply --allow-destructive`). ");
        }

        if (changes.Any(c => c.IsHazard) && !hazardsAllowed)
        {
            text.Append("Hazards need ApplyOptions.AllowHazards (`schema apply --allow-hazards`), in a maintenance window. ");
        }

        if (changes.Any(c => c.IsBlocked))
        {
            text.Append("A change that cannot run on the rows the database holds is refused whatever is allowed.");
        }

        return text.ToString().TrimEnd();
    }
}
