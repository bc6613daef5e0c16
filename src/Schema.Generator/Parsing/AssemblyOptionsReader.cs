using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Diagnostics;
using Schemata.Generator.Model;

namespace Schemata.Generator.Parsing;

/// <summary>Reads assembly-level settings; runs on every compilation, so it stays cheap and returns equatable data.</summary>
internal static class AssemblyOptionsReader
{
    public static Parsed<AssemblyOptions> Read(Compilation compilation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string? ns = null;
        var grants = new List<GrantDeclaration>();
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case AttributeNames.SchemaNamespace:
                    ns = attribute.CtorString(0);
                    if (string.IsNullOrWhiteSpace(ns) || !SyntaxFacts(ns!))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, LocationInfo.From(attribute.GetLocation()), "SchemaNamespace", "'" + ns + "' is not a valid namespace"));
                        ns = null;
                    }

                    break;
                case AttributeNames.Grant:
                    var grant = GrantReader.Read(attribute, diagnostics);
                    if (grant is not null)
                    {
                        grants.Add(grant);
                    }

                    break;
            }
        }

        var hasRuntime = compilation.GetTypeByMetadataName(AttributeNames.RuntimeMarker) is not null;
        return new Parsed<AssemblyOptions>(new AssemblyOptions(ns, grants.ToEquatableArray(), hasRuntime), diagnostics.ToEquatableArray());
    }

    private static bool SyntaxFacts(string ns)
    {
        foreach (var part in ns.Split('.'))
        {
            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }
}
