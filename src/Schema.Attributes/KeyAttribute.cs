using System;

namespace Schemata;

/// <summary>
/// Marks a property as (part of) the primary key. Without any <see cref="KeyAttribute"/> a property
/// named <c>Id</c> is the key. Guid keys default to <c>gen_random_uuid()</c>, integer keys are identity columns.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class KeyAttribute : Attribute
{
    /// <summary>The position of the property within a composite key; lower comes first.</summary>
    public int Order { get; set; }
}
