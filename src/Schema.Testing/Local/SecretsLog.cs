using System;
using System.IO;

namespace Schemata;

/// <summary>
/// Writes each throwaway server's generated password to the file named by <c>SCHEMA_TESTING_SECRETS_FILE</c>, when
/// set, so that a check after the test run can search everything the run printed for them (<c>.ci/run</c> does).
/// </summary>
internal static class SecretsLog
{
    public const string Variable = "SCHEMA_TESTING_SECRETS_FILE";

    private static readonly object Gate = new();

    public static void Record(string secret)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(path, secret + "\n");
        }
    }
}
