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
}
