namespace Schemata.Benchmarks.Infrastructure;

/// <summary>Row counts of the scenarios; the dry run shrinks them so that every benchmark executes in seconds.</summary>
public static class BenchmarkSettings
{
    /// <summary>True under <c>--dry</c>: one invocation per benchmark, small data.</summary>
    public static bool Dry { get; set; }

    /// <summary>Rows seeded into <c>items</c> and read by the stream scenario (100,000; 2,000 dry).</summary>
    public static int StreamRows => Dry ? 2_000 : 100_000;

    /// <summary>Rows read by the page scenario (1,000).</summary>
    public static int PageRows => 1_000;

    /// <summary>Rows written by the insert-many scenario (1,000; 100 dry).</summary>
    public static int ManyRows => Dry ? 100 : 1_000;

    /// <summary>Rows written by the bulk scenario (100,000; 500 dry).</summary>
    public static int BulkRows => Dry ? 500 : 100_000;
}
