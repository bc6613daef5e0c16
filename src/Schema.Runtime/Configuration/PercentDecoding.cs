using System;

namespace Schemata;

/// <summary>Percent-decoding for the parts of a connection URL.</summary>
internal static class PercentDecoding
{
    /// <summary>Decodes %XX escapes; a stray '%' that starts no escape is kept as it is.</summary>
    internal static string DecodeOrSame(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
