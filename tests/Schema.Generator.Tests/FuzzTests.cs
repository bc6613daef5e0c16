using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Schemata.Generator.Tests.Infrastructure;
using Xunit;

namespace Schemata.Generator.Tests;

/// <summary>
/// Robustness: generated and mutated entity declarations (odd types, odd attribute arguments, half-typed code) must
/// only ever produce diagnostics — never a generator exception (CS8785), an analyzer crash (AD0001), or an id
/// outside the catalog. The seed is fixed, so the corpus is the same on every run and a failure names its batch.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261122;
    private const int Batches = 300;
    private const int DeclarationsPerBatch = 4;

    private static readonly string[] Types =
    [
        "int", "long", "short", "byte", "sbyte", "uint", "ulong", "char", "bool", "decimal", "decimal?", "double", "float",
        "string", "string?", "Guid", "Guid?", "DateTime", "DateTime?", "DateTimeOffset", "DateTimeOffset?", "DateOnly", "TimeOnly",
        "TimeSpan", "byte[]", "byte[]?", "int[]", "string[]", "List<int>", "List<string?>", "List<DateTime>", "List<byte[]>",
        "System.Collections.Generic.Dictionary<string, int>", "object", "dynamic", "(int A, int B)", "int*", "Action", "Func<int>",
        "System.Text.Json.JsonDocument", "System.Text.Json.JsonElement", "System.Text.Json.Nodes.JsonNode", "System.Net.IPAddress",
        "Mood", "Mood?", "Mood[]", "Plain", "Plain?", "Texty", "Unknown", "Unknown?", "T", "Payload", "Payload?", "Payload[]",
        "Entity", "Fuzz0", "int?[]", "List<Mood>", "Nullable<int>", "IDisposable", "Span<int>", "void",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "\\t", "x", "Id", "id", "Name", "name", "public", "DeletedAt", "deleted_at", "user-id", "ÄÖÜ", "名前", "a\\\"b",
        "id > 0", "length(name) > 0", "gin", "btree", "hash", "GIST ", "fulltext", "Fuzz0", "notes", "users", "pk_notes",
        new string('a', 64), new string('é', 40), new string('x', 300),
    ];

    private static readonly string[] Integers = ["0", "1", "-1", "2", "5", "6", "7", "18", "255", "1000", "1001", "-2147483648", "2147483647", "int.MaxValue", "(int)1e9"];

    [Fact]
    public void Generated_and_mutated_declarations_produce_only_diagnostics()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var driver = GeneratorRunner.CreateDriver();
        var declarations = 0;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var batch = 0; batch < Batches; batch++)
        {
            var sources = new List<(string Path, string Text)> { ($"Fuzz{batch}/Shared.cs", SharedTypes(random)) };
            for (var i = 0; i < DeclarationsPerBatch; i++)
            {
                var text = Declaration(random, batch * DeclarationsPerBatch + i);
                sources.Add(($"Fuzz{batch}/Entity{i}.cs", random.Next(3) == 0 ? Mutate(random, text) : text));
                declarations++;
            }

            var compilation = GeneratorRunner.Compile(sources);

            // One driver for the whole corpus, so the incremental caches see every kind of change too.
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var driverDiagnostics);
            var result = driver.GetRunResult().Results.Single();
            var problems = new List<string>();
            if (result.Exception is not null)
            {
                problems.Add("exception: " + result.Exception);
            }

            problems.AddRange(driverDiagnostics.Concat(result.Diagnostics)
                .Where(d => d.Id is "CS8785" or "AD0001" || !d.Id.StartsWith("SCH", StringComparison.Ordinal))
                .Select(d => d.ToString()));
            reported.UnionWith(result.Diagnostics.Select(d => d.Id));
            if (problems.Count > 0 && failures.Count < 3)
            {
                failures.Add($"batch {batch}:\n{string.Join("\n", problems)}\n{string.Join("\n// ----\n", sources.Select(s => s.Text))}");
            }
        }

        Assert.True(declarations >= 1000, $"only {declarations} declarations");
        Assert.True(failures.Count == 0, string.Join("\n\n==========\n\n", failures));

        // The corpus is only useful if it reaches the checks: most of the catalog must have fired somewhere.
        Assert.True(reported.Count >= 20, "the corpus reached only " + string.Join(", ", reported.Order(StringComparer.Ordinal)));
    }

    private static string SharedTypes(Random random)
    {
        var builder = new StringBuilder("using System;\nusing Schemata;\n");
        builder.Append(Pick(random, ["[DbEnum]", "[DbEnum(\"mood\")]", "[DbEnum(Storage = EnumStorage.Text)]", "[DbEnum(\"\")]", "[DbEnum(Schema = \"\")]", "[DbEnum(Storage = (EnumStorage)7)]", "[DbEnum(" + Quote(Pick(random, Strings)) + ")]", string.Empty]));
        builder.Append(" public enum Mood { Happy");
        for (var i = random.Next(5); i > 0; i--)
        {
            builder.Append(", ");
            if (random.Next(3) == 0)
            {
                builder.Append("[DbEnumValue(").Append(Quote(Pick(random, Strings))).Append(")] ");
            }

            builder.Append(Pick(random, ["Sad", "Glad", "Happy2", "HAPPY", "Very_Happy", "Ñu"])).Append(i.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(" }\n");
        builder.Append("public enum Plain { A, B }\n");
        builder.Append(Pick(random, ["[DbEnum(\"mood\")]", "[DbEnum(Storage = EnumStorage.Text)]", "[DbEnum]"])).Append(" public enum Texty { X, [DbEnumValue(\"x\")] Y }\n");
        builder.Append("public class Payload { public int Value { get; set; } }\n");
        return builder.ToString();
    }

    private static string Declaration(Random random, int index)
    {
        var name = random.Next(6) == 0 ? Pick(random, ["Note", "User", "Fuzz0", "Order", "Entity", "Schema"]) : "Fuzz" + index.ToString(CultureInfo.InvariantCulture);
        var properties = new List<string>();
        for (var i = random.Next(9); i > 0; i--)
        {
            properties.Add(Pick(random, ["Id", "Name", "DeletedAt", "CreatedAt", "UpdatedAt", "UserId", "user_id", "Title", "Email", "Ñame", "@class", new string('P', 70)]) + (random.Next(2) == 0 ? string.Empty : i.ToString(CultureInfo.InvariantCulture)));
        }

        var builder = new StringBuilder();
        builder.Append(Pick(random, ["using System;\nusing System.Collections.Generic;\nusing Schemata;\n", "using Schemata;\n", "using System;\n", string.Empty]));
        if (random.Next(4) == 0)
        {
            builder.Append("namespace Space").Append(random.Next(3).ToString(CultureInfo.InvariantCulture)).Append(";\n");
        }

        for (var i = random.Next(5); i > 0; i--)
        {
            builder.Append(ClassAttribute(random, properties)).Append('\n');
        }

        builder.Append(Pick(random, ["public ", "internal ", string.Empty, "public sealed ", "public abstract ", "public static ", "file "]));
        builder.Append(Pick(random, ["partial class ", "class ", "class ", "record ", "record class ", "record struct ", "struct ", "interface "]));
        builder.Append(name);
        builder.Append(Pick(random, [string.Empty, string.Empty, "<T>", "(int Id, string Name)"]));
        builder.Append(Pick(random, [string.Empty, string.Empty, " : Entity", " : SoftDeletableEntity", " : Fuzz0", " : " + name, " : IDisposable", " : Payload"]));
        builder.Append("\n{\n");
        foreach (var property in properties)
        {
            for (var i = random.Next(4); i > 0; i--)
            {
                builder.Append("    [").Append(PropertyAttribute(random)).Append("]\n");
            }

            builder.Append("    ").Append(Pick(random, ["public ", "public ", "public ", "private ", "public static ", "public virtual ", "public required ", "protected "]));
            builder.Append(Pick(random, Types)).Append(' ').Append(property);
            builder.Append(Pick(random, [" { get; set; }", " { get; set; }", " { get; init; }", " { get; }", " => default!;", " { set { } }", ";", " { get; set; } = default!;", " { get; set; } = 3;", " { get; set; } = true;", " { get; set; } = \"x\";", " { get; set; } = Mood.Happy;"]));
            builder.Append('\n');
        }

        builder.Append("}\n");
        return builder.ToString();
    }

    private static string ClassAttribute(Random random, List<string> properties)
    {
        var property = properties.Count > 0 && random.Next(3) > 0 ? "nameof(" + Pick(random, properties.ToArray()) + ")" : Quote(Pick(random, Strings));
        return "[" + Pick(random,
        [
            "Table", "Table", "Table", "Table(" + Quote(Pick(random, Strings)) + ")", "Table(null)", "Table(Schema = " + Quote(Pick(random, Strings)) + ")",
            "Table(\"notes\", Schema = \"public\")", "SoftDelete", "SoftDelete",
            "Index(" + property + ")", "Index()", "Index(" + property + ", Unique = true)", "Index(" + property + ", Unique = " + Pick(random, ["true", "false"]) + ", LiveRowsOnly = true)",
            "Index(" + property + ", Method = " + Quote(Pick(random, Strings)) + ", Filter = " + Quote(Pick(random, Strings)) + ", Name = " + Quote(Pick(random, Strings)) + ")",
            "Index(null)", "Index(new string[0])", "Unique(" + property + ")", "Unique()", "Unique(" + property + ", Name = " + Quote(Pick(random, Strings)) + ")",
            "Check(" + Quote(Pick(random, Strings)) + ")", "Check(null)", "Check(\"id > 0\", Name = " + Quote(Pick(random, Strings)) + ")",
            "Grant(" + Quote(Pick(random, Strings)) + ")", "Grant(\"app\", Privileges = (TablePrivileges)0)", "Key", "ForeignKey(typeof(Fuzz0))", "Obsolete",
        ]) + "]";
    }

    private static string PropertyAttribute(Random random)
    {
        string S() => Quote(Pick(random, Strings));
        string I() => Pick(random, Integers);
        return Pick(random,
        [
            "Key", "Key(Order = " + I() + ")", "Identity", "Identity(Always = true)", "Column(" + S() + ")", "Column(Type = " + S() + ")",
            "Column(Default = " + S() + ")", "Column(RenamedFrom = " + S() + ")", "Column(null)", "MaxLength(" + I() + ")", "Length(" + I() + ", " + I() + ")",
            "Precision(" + I() + ")", "Precision(" + I() + ", " + I() + ")", "ForeignKey(typeof(" + Pick(random, ["Fuzz0", "Payload", "int", "Mood", "Entity", "Unknown", "List<int>", "Fuzz1"]) + "))",
            "ForeignKey(typeof(Fuzz0), OnDelete = ReferentialAction.SetNull, OnUpdate = (ReferentialAction)" + I() + ")", "ForeignKey(null)",
            "ForeignKey(typeof(Fuzz0), Name = " + S() + ", CascadeSoftDelete = true)", "Index", "Index(Unique = true)", "Unique", "Unique(Name = " + S() + ")",
            "Check(" + S() + ")", "Check(" + S() + ", Name = " + S() + ")", "CreatedAt", "UpdatedAt", "DeletedAt", "Jsonb", "Ignore", "DbEnumValue(" + S() + ")",
            "Table", "SoftDelete", "Key, Identity", "Column(\"id\")",
        ]);
    }

    /// <summary>Half-typed code: cut, drop a brace, splice in stray tokens, duplicate a line.</summary>
    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        return random.Next(6) switch
        {
            0 => text[..at],
            1 => text.Remove(text.LastIndexOf('}') is var brace and >= 0 ? brace : at, 1),
            2 => text.Insert(at, Pick(random, ["[", "(", "=>", "\"", "typeof(", "#if X\n", "]", ",", "?", "{", "[Table(", "nameof(", "@", "/*"])),
            3 => text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)),
            4 => Duplicate(random, text),
            _ => text.Replace("{ get; set; }", Pick(random, ["{ get; set }", "{ get set; }", "{ get; set; ", "{ get; se"]), StringComparison.Ordinal),
        };
    }

    private static string Duplicate(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        var line = random.Next(lines.Count);
        lines.Insert(line, lines[line]);
        return string.Join('\n', lines);
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
