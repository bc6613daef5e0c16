namespace Schemata.CodeFixes;

/// <summary>The ids this assembly fixes; the catalog itself lives in the generator (docs/diagnostics.md).</summary>
internal static class DiagnosticIds
{
    public const string EntityWithoutKey = "SCH0001";
    public const string SoftDeleteWithoutDeletedAt = "SCH0009";
    public const string DateTimeProperty = "SCH0019";
    public const string DecimalWithoutPrecision = "SCH0020";
    public const string UniqueCountsDeletedRows = "SCH0021";
    public const string NullableAutoTimestamp = "SCH0025";
    public const string SetNullOnRequiredColumn = "SCH0027";
}
