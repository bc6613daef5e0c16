using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Schemata.Generator.Tests.Infrastructure;

/// <summary>Diagnostics as sorted text lines: id, severity, file(line:col-line:col), the squiggled text, message.</summary>
internal static class DiagnosticText
{
    public static string Format(IEnumerable<Diagnostic> diagnostics, Compilation? compilation = null)
        => string.Join("\n", diagnostics
            .Select(d => Line(d, compilation))
            .Order(StringComparer.Ordinal)) + "\n";

    /// <summary>The source text a diagnostic's squiggle covers (generator diagnostics carry a file path, not a tree).</summary>
    public static string Squiggled(Diagnostic d, Compilation compilation)
    {
        var path = d.Location.GetLineSpan().Path;
        var tree = d.Location.SourceTree ?? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        return tree is null ? string.Empty : tree.GetText().ToString(d.Location.SourceSpan);
    }

    public static string Line(Diagnostic d, Compilation? compilation)
    {
        var span = d.Location.GetLineSpan();
        var where = d.Location != Location.None
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Path}({span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1}:{span.EndLinePosition.Character + 1})")
            : "(no location)";
        var text = compilation is null ? string.Empty : Squiggled(d, compilation);
        return $"{d.Id} {d.Severity} {where} `{text}`: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
