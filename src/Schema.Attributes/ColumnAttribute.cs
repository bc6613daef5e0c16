using System;

namespace Schemata;

/// <summary>Overrides how a property maps to its column.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Keeps the conventional column name and overrides other settings.</summary>
    public ColumnAttribute() { }

    /// <summary>Maps the property to the column <paramref name="name"/>.</summary>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The column name, or <see langword="null"/> for the snake_case convention.</summary>
    public string? Name { get; }

    /// <summary>
    /// A PostgreSQL type that replaces the mapped one, e.g. <c>"citext"</c> or <c>"varchar(20)"</c>.
    /// The CLR type must still be readable from it by Npgsql.
    /// </summary>
    public string? Type { get; set; }

    /// <summary>A SQL expression used as the column default, e.g. <c>"now()"</c> or <c>"0"</c>.</summary>
    public string? Default { get; set; }

    /// <summary>
    /// The column's previous name. Applying the schema renames that column instead of adding a new
    /// one; remove the hint once every database has been migrated.
    /// </summary>
    public string? RenamedFrom { get; set; }
}
