using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// For benchmarks of code that the JIT keeps recompiling for a while (the compiler's own, in the generator scenario):
/// <paramref name="warmups"/> warmup and <paramref name="iterations"/> measured iterations instead of 3 and 10, so
/// that the measurement starts once tiered compilation has settled. The dry run keeps its own job.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WarmedUpAttribute(int warmups, int iterations) : JobMutatorConfigBaseAttribute(
    BenchmarkSettings.Dry ? new Job() : new Job().WithWarmupCount(warmups).WithIterationCount(iterations));
