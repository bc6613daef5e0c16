using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;

namespace Schemata.Generator.Parsing;

/// <summary>Reads <c>[Grant]</c> into a role and a privilege list.</summary>
internal static class GrantReader
{
    private static readonly (int Flag, string Name)[] Privileges = { (1, "SELECT"), (2, "INSERT"), (4, "UPDATE"), (8, "DELETE") };

    public static GrantModel? Read(AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var role = attribute.CtorString(0);
        var flags = attribute.Named("Privileges")?.Value is int value ? value : 15;
        var names = new List<string>();
        foreach (var (flag, name) in Privileges)
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }

        if (string.IsNullOrWhiteSpace(role) || names.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidArgument,
                LocationInfo.From(attribute.GetLocation()),
                "Grant",
                string.IsNullOrWhiteSpace(role) ? "the role name is empty" : "no privileges are granted"));
            return null;
        }

        return new GrantModel(role!, string.Join(", ", names));
    }
}
