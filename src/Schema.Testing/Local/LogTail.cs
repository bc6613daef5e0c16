using System;
using System.IO;

namespace Schemata;

/// <summary>What a server process (PostgreSQL, PgBouncer) wrote to its log file since a point, for start-up errors.</summary>
internal static class LogTail
{
    /// <summary>Where the log ends now: the point to read from after starting the process.</summary>
    public static long End(string logFile) => File.Exists(logFile) ? new FileInfo(logFile).Length : 0;

    /// <summary>What was logged since <paramref name="from"/>, at most the last 2000 characters; empty when unreadable.</summary>
    public static string Since(string logFile, long from)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd().Trim();
            return text.Length > 2000 ? text[^2000..] : text;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
