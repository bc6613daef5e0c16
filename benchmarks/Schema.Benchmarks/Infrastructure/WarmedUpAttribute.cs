using System;
using BenchmarkDotNet.Attributes;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;

namespace Schemata.Benchmarks.Infrastructure;

/// <summary>
/// For benchmarks of code that the JIT keeps recompiling for a while (the compiler's own, in the generator scenario):
/// <paramref name="warmups"/> warmup and <paramref name="iterations"/> measured iterations instead of 3 and 10, so
/// that the measurement starts once tiered compilation has settled; and <paramref name="iterationMilliseconds"/> per
/// iteration, so that an iteration of a garbage-heavy operation spans several collections rather than one or none.
/// The dry run keeps its own job.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WarmedUpAttribute(int warmups, int iterations, int iterationMilliseconds) : JobMutatorConfigBaseAttribute(
    BenchmarkSettings.Dry
        ? new Job()
        : new Job().WithWarmupCount(warmups).WithIterationCount(iterations).WithIterationTime(TimeInterval.FromMilliseconds(iterationMilliseconds)));
