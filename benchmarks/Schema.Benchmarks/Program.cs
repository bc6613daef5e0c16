namespace Schemata.Benchmarks;

public static class Program
{
    public static int Main(string[] args) => BenchmarkEntry.Run(args);
}
