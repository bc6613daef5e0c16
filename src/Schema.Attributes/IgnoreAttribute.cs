using System;

namespace Schemata;

/// <summary>Leaves the property out of the table.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class IgnoreAttribute : Attribute
{
}
