using System;

namespace Schemata;

/// <summary>
/// Maps a C# enum to PostgreSQL. The type name defaults to the snake_case enum name and each value to its
/// snake_case member name (<c>InProgress</c> → <c>in_progress</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class DbEnumAttribute : Attribute
{
    /// <summary>Uses the conventional type name.</summary>
    public DbEnumAttribute() { }

    /// <summary>Uses the type name <paramref name="name"/>.</summary>
    public DbEnumAttribute(string name) => Name = name;

    /// <summary>The PostgreSQL type name (for <see cref="EnumStorage.Native"/>).</summary>
    public string? Name { get; }

    /// <summary>Native enum type (default) or text with a check.</summary>
    public EnumStorage Storage { get; set; }

    /// <summary>The PostgreSQL schema of the native type; <c>public</c> when not set.</summary>
    public string? Schema { get; set; }
}
