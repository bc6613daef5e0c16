using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Schemata.Tests.Apply;

/// <summary>An unchanged model costs one round trip, counted through Npgsql's own tracing.</summary>
public sealed class FastPathTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Applying_an_unchanged_30_table_model_costs_one_round_trip()
    {
        var entities = new StringBuilder("namespace Big;\n");
        for (var i = 0; i < 30; i++)
        {
            entities.Append($"[Table(\"t{i:00}\"), Index(nameof(Name))] public sealed class T{i:00} : Entity {{ [MaxLength(80)] public required string Name {{ get; set; }} public int Count {{ get; set; }} }}\n");
        }

        var model = ModelCompiler.Compile(entities.ToString());
        Assert.Equal(30, model.Tables.Count);
        await using var db = await MigrationDatabase.CreateAsync();
        await model.ApplyAsync(db.Database);
        await model.ApplyAsync(db.Database); // warm the pool

        // Npgsql's activities of this apply only: other test classes run in parallel in this process, and their
        // commands are traced too. Those started inside the probe's activity are this apply's.
        using var probe = new ActivitySource("Schemata.Tests.FastPath");
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql" || source == probe,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.Parent?.Source == probe)
                {
                    commands.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var clock = Stopwatch.StartNew();
        ApplyResult result;
        using (probe.StartActivity("no-op apply"))
        {
            result = await model.ApplyAsync(db.Database);
        }

        clock.Stop();

        Assert.True(result.WasUpToDate);
        output.WriteLine($"no-op apply of 30 tables: {clock.Elapsed.TotalMilliseconds:0.0} ms; round trips: {string.Join(" | ", commands)}");
        Assert.Single(commands);

        var times = new double[20];
        for (var i = 0; i < times.Length; i++)
        {
            clock.Restart();
            await model.ApplyAsync(db.Database);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        output.WriteLine($"median of 20 no-op applies: {times.Order().ElementAt(10):0.00} ms");
    }
}
