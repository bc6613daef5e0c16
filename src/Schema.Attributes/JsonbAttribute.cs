using System;

namespace Schemata;

/// <summary>Stores a string or a serializable object as <c>jsonb</c>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class JsonbAttribute : Attribute
{
}
