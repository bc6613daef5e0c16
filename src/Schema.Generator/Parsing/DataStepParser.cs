using System.Threading;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Model;

namespace Schemata.Generator.Parsing;

/// <summary>Reads a <c>[DataStep]</c> method: its id, the call the model makes to it, and why it cannot be one, if it cannot.</summary>
internal static class DataStepParser
{
    private const string Signature = "static ValueTask<int> Name(SchemaSession session, int batchSize, CancellationToken cancellationToken)";

    public static DataStepDeclaration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var location = LocationInfo.From(method.Locations.Length > 0 ? method.Locations[0] : null);
        var id = attribute.CtorString(0) ?? string.Empty;
        return new DataStepDeclaration(id, method.ContainingType.FullName() + "." + method.Name, attribute.NamedInt("BatchSize", 1000), Problem(method), location);
    }

    private static string? Problem(IMethodSymbol method)
    {
        var parameters = method.Parameters;
        var shaped = method.IsStatic
            && !method.IsGenericMethod
            && method.ReturnType is INamedTypeSymbol { Name: "ValueTask", TypeArguments.Length: 1 } result && result.TypeArguments[0].SpecialType == SpecialType.System_Int32
            && parameters.Length == 3
            && parameters[0].Type.ToDisplayString() == AttributeNames.Session
            && parameters[1].Type.SpecialType == SpecialType.System_Int32
            && parameters[2].Type.ToDisplayString() == "System.Threading.CancellationToken";
        if (!shaped)
        {
            return "'" + method.Name + "' must be " + Signature;
        }

        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return "'" + method.Name + "' and the types around it must be public or internal, so the schema can call it";
            }
        }

        return null;
    }
}
