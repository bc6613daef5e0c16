namespace Schemata.Generator;

/// <summary>Names of the pipeline steps that incrementality tests check.</summary>
internal static class TrackingNames
{
    public const string Entities = nameof(Entities);
    public const string EntityModels = nameof(EntityModels);
    public const string Enums = nameof(Enums);
    public const string DataSteps = nameof(DataSteps);
    public const string Options = nameof(Options);
    public const string Build = nameof(Build);
    public const string Output = nameof(Output);
}
