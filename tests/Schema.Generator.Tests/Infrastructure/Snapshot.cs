using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace Schemata.Generator.Tests.Infrastructure;

/// <summary>
/// Golden-file comparison: <c>Snapshots/{name}.verified.{ext}</c> next to the test holds the reviewed output. A
/// mismatch writes <c>.received.</c> beside it and fails with a diff; <c>SCHEMA_ACCEPT_SNAPSHOTS=1</c> accepts
/// every received file instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "SCHEMA_ACCEPT_SNAPSHOTS";

    public static string Directory([CallerFilePath] string callerFile = "")
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(callerFile))!, "Snapshots");

    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        System.IO.Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException(
            expected is null
                ? $"No verified snapshot {verified}. Review {received} and rename it to .verified, or run with {AcceptVariable}=1."
                : $"Snapshot {name} differs from {verified} (received: {received}; {AcceptVariable}=1 accepts):\n{Diff(expected, actual)}");
    }

    /// <summary>The verified file names (without directory) whose name starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> Verified(string prefix, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        return System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, prefix + "*.verified.*").Select(Path.GetFileName).Select(f => f!).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var builder = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 20; i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                builder.Append("line ").Append(i + 1).Append('\n')
                    .Append("- ").Append(left).Append('\n')
                    .Append("+ ").Append(right).Append('\n');
                shown++;
            }
        }

        return builder.ToString();
    }
}
