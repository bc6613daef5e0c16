using System;

namespace Schemata;

/// <summary>
/// Declares a <c>UNIQUE</c> constraint. On a class, name the properties; on a property, that property.
/// Named <c>uq_</c> + table + columns unless <see cref="Name"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = true)]
public sealed class UniqueAttribute : Attribute
{
    /// <summary>Makes the combination of the given properties unique (empty on a property: that property).</summary>
    public UniqueAttribute(params string[] properties) => Properties = properties ?? Array.Empty<string>();

    /// <summary>The constrained properties, in order.</summary>
    public string[] Properties { get; }

    /// <summary>An explicit constraint name instead of the convention.</summary>
    public string? Name { get; set; }
}
