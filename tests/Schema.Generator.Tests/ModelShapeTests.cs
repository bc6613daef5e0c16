using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>Anything the pipeline caches must be plain data: a Roslyn type in it breaks incrementality.</summary>
public sealed class ModelShapeTests
{
    public static TheoryData<Type> PipelineTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in PipelineTypeList())
        {
            data.Add(type);
        }

        return data;
    }

    private static List<Type> PipelineTypeList()
    {
        var data = new List<Type>();
        foreach (var type in typeof(SchemaGenerator).Assembly.GetTypes().Where(t =>
            t.Namespace is "Schemata.Generator.Model" or "Schemata.Generator.Building" or "Schemata.Generator.Shared"
            && !t.IsAbstract && !t.Name.StartsWith('<') && t.IsClass && t.GetCustomAttributes().All(a => a.GetType().Name != "CompilerGeneratedAttribute")))
        {
            if (type.GetProperties().Length > 0 && type.Name.Contains("Model", StringComparison.Ordinal) || type.Name.Contains("Declaration", StringComparison.Ordinal) || type.Name.Contains("Output", StringComparison.Ordinal) || type.Name.Contains("Info", StringComparison.Ordinal) || type.Name.Contains("Result", StringComparison.Ordinal) || type == typeof(SchemaGenerator).Assembly.GetType("Schemata.Generator.Shared.StoreType"))
            {
                data.Add(type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PipelineTypes))]
    public void Pipeline_values_hold_no_roslyn_types(Type type)
    {
        var offending = new List<string>();
        Walk(type, new HashSet<Type>(), offending, type.Name);
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void The_check_finds_the_pipeline_types()
    {
        Assert.Contains(typeof(SchemaGenerator).Assembly.GetType("Schemata.Generator.Model.EntityModel"), PipelineTypeList());
        Assert.Contains(typeof(SchemaGenerator).Assembly.GetType("Schemata.Generator.Shared.TableModel"), PipelineTypeList());
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> offending, string path)
    {
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return;
        }

        var ns = type.Namespace ?? string.Empty;
        if (ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && type.Name is not ("TextSpan" or "LinePositionSpan" or "LinePosition"))
        {
            offending.Add(path + ": " + type.FullName);
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Collections.Immutable.ImmutableArray`1")
        {
            offending.Add(path + ": ImmutableArray (not equatable)");
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, seen, offending, path + "<" + argument.Name + ">");
        }

        if (ns.StartsWith("Schemata.Generator", StringComparison.Ordinal))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                Walk(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, seen, offending, path + "." + property.Name);
            }
        }
    }
}
