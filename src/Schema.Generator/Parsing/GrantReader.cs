using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;
using Schemata.Generator.Shared;

namespace Schemata.Generator.Parsing;

/// <summary>Reads <c>[Grant]</c> into a role and a privilege list.</summary>
internal static class GrantReader
{
    public static GrantDeclaration? Read(AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var role = attribute.CtorString(0);
        var privileges = (TablePrivileges)(attribute.Named("Privileges")?.Value is int value ? value : (int)TablePrivileges.ReadWrite) & TablePrivileges.ReadWrite;
        if (string.IsNullOrWhiteSpace(role) || privileges == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidArgument,
                LocationInfo.From(attribute.GetLocation()),
                "Grant",
                string.IsNullOrWhiteSpace(role) ? "the role name is empty" : "no privileges are granted"));
            return null;
        }

        return new GrantDeclaration(role!, privileges);
    }
}
