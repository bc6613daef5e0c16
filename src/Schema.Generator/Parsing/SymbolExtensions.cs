using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Schemata.Generator.Parsing;

internal static class SymbolExtensions
{
    public static bool Any(this ImmutableArray<AttributeData> attributes, string metadataName)
        => attributes.Find(metadataName) is not null;

    public static AttributeData? Find(this ImmutableArray<AttributeData> attributes, string metadataName)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    public static IEnumerable<AttributeData> All(this ImmutableArray<AttributeData> attributes, string metadataName)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                yield return attribute;
            }
        }
    }

    public static TypedConstant? Named(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }

    public static string? NamedString(this AttributeData attribute, string name)
        => attribute.Named(name) is { } value ? Scalar(value) as string : null;

    public static bool NamedBool(this AttributeData attribute, string name)
        => attribute.Named(name) is { } value && Scalar(value) is true;

    public static int NamedInt(this AttributeData attribute, string name, int fallback = 0)
        => attribute.Named(name) is { } value && Scalar(value) is int number ? number : fallback;

    public static string? CtorString(this AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index ? Scalar(attribute.ConstructorArguments[index]) as string : null;

    public static int? CtorInt(this AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index ? Scalar(attribute.ConstructorArguments[index]) as int? : null;

    /// <summary>The value of a non-array constant; <see cref="TypedConstant.Value"/> throws on arrays (<c>[Index(null)]</c>).</summary>
    public static object? Scalar(TypedConstant constant)
        => constant.Kind is TypedConstantKind.Array or TypedConstantKind.Error ? null : constant.Value;

    /// <summary>String values of a <c>params string[]</c> constructor argument.</summary>
    public static List<string> CtorStrings(this AttributeData attribute)
    {
        var result = new List<string>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array && !argument.IsNull)
            {
                foreach (var item in argument.Values)
                {
                    if (Scalar(item) is string text)
                    {
                        result.Add(text);
                    }
                }
            }
            else if (Scalar(argument) is string single)
            {
                result.Add(single);
            }
        }

        return result;
    }

    public static Location? GetLocation(this AttributeData attribute)
        => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>The <c>Name = value</c> argument of an attribute application, else the whole attribute.</summary>
    public static Location? GetArgumentLocation(this AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax { ArgumentList: { } list } syntax)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }

            return syntax.GetLocation();
        }

        return attribute.GetLocation();
    }

    /// <summary>The declared type of a property as written (<c>DateTime?</c>), else the property name.</summary>
    public static Location? GetTypeLocation(this IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration)
            {
                return declaration.Type.GetLocation();
            }
        }

        return property.Locations.Length > 0 ? property.Locations[0] : null;
    }

    public static string FullName(this ITypeSymbol type)
        => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
