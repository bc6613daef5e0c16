using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// A startup apply does the short, blocking part and returns; index builds and validations on tables holding rows
/// finish in the background on one instance, another standing by takes over if that one stops, and the readiness
/// check reports them meanwhile.
/// </summary>
public sealed class BackgroundApplyTests
{
    private const string Before = """
        namespace Shop;

        [Table("items")]
        public sealed class Item
        {
            public long Id { get; set; }
            public required string Code { get; set; }
        }
        """;

    // An index whose predicate takes its time over the rows: about 4 s to build.
    private static readonly string After = Before.Replace("[Table(\"items\")]", "[Table(\"items\"), Index(nameof(Code), Filter = \"slow_true(id)\")]", StringComparison.Ordinal);

    private const string Setup = """
        CREATE FUNCTION slow_true(x bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT pg_sleep(0.02) IS NOT NULL';
        INSERT INTO items (code) SELECT 'c' || g FROM generate_series(1, 200) g;
        """;

    [Fact]
    public async Task A_startup_apply_returns_before_the_index_is_built_and_the_build_finishes_in_the_background()
    {
        await using var db = await StartAsync();
        var model = ModelCompiler.Cached(After);

        var clock = Stopwatch.StartNew();
        var result = await model.ApplyAsync(db.Database, ApplyOptions.Startup);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The startup apply took {clock.Elapsed.TotalSeconds:0.0} s: it waited for the build.");
        Assert.True(result.IsPending);
        await db.UntilAsync("SELECT count(*) FROM pg_class WHERE relname = 'ix_items_code'", check: () =>
        {
            Assert.False(result.Completion.IsCompleted, "The build finished or failed before it was seen.");
            return Task.CompletedTask;
        });

        var status = await model.StatusAsync(db.Database);
        Assert.True(status.IsPending);
        Assert.True(status.LongPhasesRunning);
        Assert.Equal(["create index ix_items_code on items (being built now)"], status.Plan.Changes.Select(c => c.Description));

        await result.Completion;
        Assert.True(await db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);
    }

    [Fact]
    public async Task A_second_instance_stands_by_and_takes_over_when_the_first_stops_mid_build()
    {
        await using var db = await StartAsync();
        var model = ModelCompiler.Cached(After);
        await using var firstInstance = SchemaDatabase.Create(db.ConnectionString);
        await using var secondInstance = SchemaDatabase.Create(db.ConnectionString);

        var first = await model.ApplyAsync(firstInstance, ApplyOptions.Startup);
        var second = await model.ApplyAsync(secondInstance, ApplyOptions.Startup);
        Assert.True(second.LongPhasesElsewhere);
        Assert.True(second.IsPending);

        // The first instance shuts down cleanly in the middle of the build: its half-built index goes, the lock is released.
        await first.StopAsync();
        Assert.True(first.Completion.IsCanceled || first.Completion.IsFaulted);

        await second.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);
    }

    [Fact]
    public async Task A_standby_finishes_a_backfilled_not_null_column_when_the_first_instance_stops_after_the_data_step()
    {
        await using var db = await StartAsync();
        var model = ModelCompiler.Cached(Before
            .Replace("[Table(\"items\")]", "[Table(\"items\"), Backfill(\"2026-12-01 labels\", nameof(Label), \"CASE WHEN slow_true(id) THEN upper(code) END\")]", StringComparison.Ordinal)
            .Replace("public required string Code { get; set; }", "public required string Code { get; set; }\n    public required string Label { get; set; }", StringComparison.Ordinal));
        await using var firstInstance = SchemaDatabase.Create(db.ConnectionString);
        await using var secondInstance = SchemaDatabase.Create(db.ConnectionString);
        var first = await model.ApplyAsync(firstInstance, ApplyOptions.Startup);
        var second = await model.ApplyAsync(secondInstance, ApplyOptions.Startup);
        Assert.True(second.LongPhasesElsewhere);

        // A reader keeps the helper check that follows the fill from going in; the first instance stops meanwhile.
        await using var reader = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await reader.OpenAsync();
        await using var read = await reader.BeginTransactionAsync();
        await Scalar.ExecuteAsync(reader, "LOCK TABLE items IN ACCESS SHARE MODE");
        // The helper check waits for the reader.
        await db.UntilAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'ALTER TABLE%nn_items_label%' AND wait_event_type = 'Lock'", TimeSpan.FromSeconds(30));

        await first.StopAsync();
        Assert.Equal(1L, await db.QueryAsync<long>("SELECT count(*) FROM schema_history WHERE phase = 'data step'"));
        Assert.NotEqual("complete", await db.QueryAsync<string>("SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1"));
        await read.RollbackAsync();

        await second.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await db.QueryAsync<bool>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label'"));
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM items WHERE label IS DISTINCT FROM upper(code)"));
        Assert.True((await model.StatusAsync(db.Database)).IsUpToDate);
    }

    [Fact]
    public async Task The_hosted_startup_apply_lets_the_host_start_and_the_readiness_check_reports_the_build()
    {
        await using var db = await StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSchemaDatabase(o =>
        {
            o.ConnectionString = db.ConnectionString;
            o.ApplySchemaOnStartup = ModelCompiler.Cached(After);
        });
        await using var provider = services.BuildServiceProvider();
        var startup = provider.GetServices<IHostedService>().OfType<SchemaStartupService>().Single();

        await startup.StartAsync(default);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal("long phases running: 1 change(s) (index builds, validations)", report.Entries["postgres"].Data["schema"]);
        await startup.StopAsync(default);
        Assert.Equal(0L, await db.QueryAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'ix_items_code'"));
    }

    private static async Task<MigrationDatabase> StartAsync()
    {
        var db = await MigrationDatabase.CreateAsync();
        await ModelCompiler.Cached(Before).ApplyAsync(db.Database);
        await db.ExecuteAsync(Setup);
        return db;
    }
}
