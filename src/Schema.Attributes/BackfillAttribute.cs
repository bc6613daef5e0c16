using System;

namespace Schemata;

/// <summary>
/// A data step that fills a column of this table once, in batches of short transactions, before the apply makes it
/// NOT NULL or builds anything over it: <c>UPDATE … SET column = expression WHERE column IS NULL</c>, a batch of
/// pages at a time, in passes over the table until one changes nothing. Steps run in the order of their ids, each once per database (the history records it).
/// A <c>NOT NULL</c> column without a default may then be added to a table that holds rows: it is added nullable,
/// filled, and made NOT NULL online.
/// </summary>
/// <example>
/// <code>
/// [Table("users")]
/// [Backfill("2026-12-01 display names", nameof(DisplayName), "name")]
/// public sealed class User : Entity
/// {
///     public required string Name { get; set; }
///     public required string DisplayName { get; set; }   // new, NOT NULL: filled from name
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BackfillAttribute : Attribute
{
    /// <summary>Fills <paramref name="property"/>'s column with <paramref name="expression"/> where it is NULL.</summary>
    /// <param name="id">The step's id, unique in the model; steps run in the order of their ids (start it with a date).</param>
    /// <param name="property">The property whose column is filled (<c>nameof(…)</c>).</param>
    /// <param name="expression">A SQL expression over the row's columns, e.g. <c>"name"</c> or <c>"lower(email)"</c>.</param>
    public BackfillAttribute(string id, string property, string expression)
    {
        Id = id;
        Property = property;
        Expression = expression;
    }

    /// <summary>The step's id, unique in the model; steps run in the order of their ids.</summary>
    public string Id { get; }

    /// <summary>The property whose column is filled.</summary>
    public string Property { get; }

    /// <summary>The SQL expression each row's column is set to.</summary>
    public string Expression { get; }

    /// <summary>The rows still to fill, as a SQL condition; the column being NULL when not set. It must be false once a row is filled.</summary>
    public string? Where { get; set; }

    /// <summary>About how many rows a batch covers (each batch its own short transaction); 1,000 by default.</summary>
    public int BatchSize { get; set; } = 1000;
}
