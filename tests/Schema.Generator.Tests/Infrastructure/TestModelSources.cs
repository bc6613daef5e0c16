using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Schemata.Generator.Tests.Infrastructure;

/// <summary>The entity set of tests/Schema.TestModel, read as source so snapshots and PostgreSQL tests share it.</summary>
internal static class TestModelSources
{
    public static IReadOnlyList<(string Path, string Text)> Load()
    {
        var directory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "Schema.TestModel"));
        return Directory.GetFiles(directory, "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(path => ("Schema.TestModel/" + Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
