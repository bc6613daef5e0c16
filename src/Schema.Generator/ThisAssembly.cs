namespace Schemata.Generator;

internal static class ThisAssembly
{
    /// <summary>Written into <c>[GeneratedCode]</c>; kept constant so generated code does not change with builds.</summary>
    public const string Version = "0.1.0";
}
