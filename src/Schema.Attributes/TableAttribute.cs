using System;

namespace Schemata;

/// <summary>
/// Marks a class as an entity stored in a PostgreSQL table. Without a name the table is the
/// snake_case plural of the class name (<c>TaskItem</c> → <c>task_items</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableAttribute : Attribute
{
    /// <summary>Maps the class to the conventional table name.</summary>
    public TableAttribute() { }

    /// <summary>Maps the class to the table <paramref name="name"/>.</summary>
    public TableAttribute(string name) => Name = name;

    /// <summary>The table name, or <see langword="null"/> for the convention.</summary>
    public string? Name { get; }

    /// <summary>The PostgreSQL schema (namespace) of the table; <c>public</c> when not set.</summary>
    public string? Schema { get; set; }

    /// <summary>
    /// The table's previous name. Applying the schema renames that table, with its rows, instead of creating a new
    /// one (and refuses a plan that drops a table and creates another with the same columns without this hint);
    /// remove the hint once every database has been migrated.
    /// </summary>
    public string? RenamedFrom { get; set; }
}
