using System;

namespace Schemata;

/// <summary>
/// Puts the generated <c>Schema</c> class (and the entity extensions) in the given namespace instead of the
/// global namespace: <c>[assembly: SchemaNamespace("MyApp.Data")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, Inherited = false)]
public sealed class SchemaNamespaceAttribute : Attribute
{
    /// <summary>Generates into namespace <paramref name="name"/>.</summary>
    public SchemaNamespaceAttribute(string name) => Name = name;

    /// <summary>The namespace of the generated code.</summary>
    public string Name { get; }
}
