using System;

namespace Schemata;

/// <summary>Overrides the database name of one enum member.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class DbEnumValueAttribute : Attribute
{
    /// <summary>Stores the member as <paramref name="name"/>.</summary>
    public DbEnumValueAttribute(string name) => Name = name;

    /// <summary>The value's name in the database.</summary>
    public string Name { get; }
}
