using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.Apply;

/// <summary>
/// An apply cut off at each phase (its connections terminated, as when its process is killed or the network drops, or
/// the server restarted) leaves a database that the next apply completes; the history says how far it got.
/// </summary>
public sealed class InterruptedApplyTests
{
    // Functions that take their time, so a phase can be caught while it runs: a check over rows, an index predicate.
    private const string SlowFunctions = """
        CREATE FUNCTION slow_true(x bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT pg_sleep(0.02) IS NOT NULL';
        """;

    private const string Before = """
        namespace Shop;

        [DbEnum] public enum Stage { Draft, Live }

        [Table("items")]
        public sealed class Item
        {
            public long Id { get; set; }
            public required string Code { get; set; }
            public Stage Stage { get; set; }
        }
        """;

    private const string Rows = "INSERT INTO items (code, stage) SELECT 'c' || g, 'draft' FROM generate_series(1, 200) g";

    // The next models, one per phase to interrupt: a new enum value with a column, a slow check, a slow index, a backfill.
    private static readonly string WithValueAndColumn = Before.Replace("{ Draft, Live }", "{ Draft, Review, Live }", StringComparison.Ordinal)
        .Replace("public Stage Stage { get; set; }", "public Stage Stage { get; set; }\n    public string? Note { get; set; }", StringComparison.Ordinal);

    private static readonly string WithCheck = Before.Replace("public required string Code", "[Check(\"slow_true(id)\")] public required string Code", StringComparison.Ordinal);

    private static readonly string WithIndex = Before.Replace("[Table(\"items\")]", "[Table(\"items\"), Index(nameof(Code), Filter = \"slow_true(id)\")]", StringComparison.Ordinal);

    private static readonly string WithBackfill = Before.Replace("[Table(\"items\")]", "[Table(\"items\"), Backfill(\"2026-12-01 labels\", nameof(Label), \"CASE WHEN slow_true(id) THEN code END\", BatchSize = 50)]", StringComparison.Ordinal)
        .Replace("public Stage Stage { get; set; }", "public Stage Stage { get; set; }\n    public string? Label { get; set; }", StringComparison.Ordinal);

    private const string Validating = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'ALTER TABLE%VALIDATE CONSTRAINT%' AND state = 'active'";

    // A concurrent build shows in pg_stat_activity before its first transaction commits the invalid index to the
    // catalog; a cut-off in that gap leaves no index at all, so wait for both.
    private const string BuildingIndex = """
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND state = 'active'
          AND EXISTS (SELECT FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = 'ix_items_code' AND NOT i.indisvalid)
        """;

    private const string LastPhase = "SELECT phase FROM schema_history ORDER BY id DESC LIMIT 1";

    [Fact]
    public async Task Cut_off_between_the_enum_commit_and_the_change_transaction()
    {
        await using var db = await StartAsync(WithValueAndColumn);

        // A reader parks the change transaction, after the new value is committed.
        await using var holder = new NpgsqlConnection(db.Db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await Scalar.ExecuteAsync(holder, "LOCK TABLE items IN ACCESS SHARE MODE");
        var applying = db.ApplyAsync(new ApplyOptions { LockTimeout = TimeSpan.FromMilliseconds(200), LockRetries = 1000 });
        await db.UntilAsync("SELECT count(*) FROM pg_enum WHERE enumlabel = 'review'");

        await db.CutOffAsync(applying);
        await hold.RollbackAsync();

        Assert.Equal("enum values", await db.Db.QueryAsync<string>(LastPhase));
        Assert.Equal(["add column items.note"], (await db.After.StatusAsync(db.Db.Database)).Plan.Changes.Select(c => c.Description));
        Assert.False((await db.FinishAsync()).WasUpToDate);
    }

    [Fact]
    public async Task Cut_off_between_not_valid_and_the_validation()
    {
        await using var db = await StartAsync(WithCheck);

        var applying = db.ApplyAsync();
        await db.UntilAsync(Validating);

        await db.CutOffAsync(applying);

        Assert.False(await db.Db.QueryAsync<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_items_code'"));
        var status = await db.After.StatusAsync(db.Db.Database);
        Assert.True(status.IsPending);
        Assert.Equal(["validate constraint ck_items_code on items (added NOT VALID by an apply that did not finish)"], status.Plan.Changes.Select(c => c.Description));
        Assert.False((await db.FinishAsync()).WasUpToDate);
        Assert.True(await db.Db.QueryAsync<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_items_code'"));
    }

    [Fact]
    public async Task Cut_off_in_the_middle_of_a_concurrent_index_build()
    {
        await using var db = await StartAsync(WithIndex);

        var applying = db.ApplyAsync();
        await db.UntilAsync(BuildingIndex);

        await db.CutOffAsync(applying);

        Assert.False(await db.Db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
        var status = await db.After.StatusAsync(db.Db.Database);
        Assert.True(status.IsPending);
        Assert.Equal(["rebuild index ix_items_code on items (left invalid by a build that did not finish)"], status.Plan.Changes.Select(c => c.Description));
        Assert.False((await db.FinishAsync()).WasUpToDate);
        Assert.True(await db.Db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
    }

    [Fact]
    public async Task Cut_off_in_the_middle_of_a_backfill_resumes_where_it_was()
    {
        await using var db = await StartAsync(WithBackfill);

        var applying = db.ApplyAsync();
        await db.UntilAsync("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label'");
        await db.UntilAsync("SELECT count(*) FROM items WHERE label IS NOT NULL");

        await db.CutOffAsync(applying);

        // The batches committed stay; the one running was rolled back.
        var filled = await db.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE label IS NOT NULL");
        Assert.True(filled is > 0 and < 200, $"{filled} rows filled");
        var status = await db.After.StatusAsync(db.Db.Database);
        Assert.True(status.IsPending);
        Assert.Equal(["data step '2026-12-01 labels': fill items.label with CASE WHEN slow_true(id) THEN code END"], status.Plan.Changes.Select(c => c.Description));
        Assert.False((await db.FinishAsync()).WasUpToDate);
        Assert.Equal(0L, await db.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE label IS DISTINCT FROM code"));
        Assert.Equal(1L, await db.Db.QueryAsync<long>("SELECT count(*) FROM schema_history WHERE phase = 'data step'"));
    }

    [Fact]
    public async Task A_server_restart_in_the_middle_of_a_concurrent_index_build()
    {
        await using var server = await PrivateServer.StartLocalAsync() ?? throw new InvalidOperationException("This test needs the PostgreSQL binaries.");
        await using var database = await server.CreateDatabaseAsync();
        await using var schema = SchemaDatabase.Create(database.ConnectionString);
        var before = ModelCompiler.Cached(Before);
        var after = ModelCompiler.Cached(WithIndex);
        await before.ApplyAsync(schema);
        await Scalar.ExecuteAsync(database.ConnectionString, SlowFunctions + Rows);

        var applying = after.ApplyAsync(schema).AsTask();
        var clock = Stopwatch.StartNew();
        while (await Scalar.QueryAsync<long>(database.ConnectionString, BuildingIndex) == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "The index build never started.");
            await Task.Delay(20);
        }

        server.Kill();
        Assert.NotNull(await Record.ExceptionAsync(() => applying));
        await server.RestartAsync();
        schema.DataSource.Clear();
        NpgsqlConnection.ClearAllPools();

        Assert.True((await after.StatusAsync(schema)).IsPending);
        await after.ApplyAsync(schema);
        Assert.True(await Scalar.QueryAsync<bool>(database.ConnectionString, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
        Assert.True((await after.StatusAsync(schema)).IsUpToDate);
    }

    // The applying *process* killed (SIGKILL) at each phase, and the next apply started at once, while the killed
    // process's server connections may still be running its last statement: the database still ends at the model.
    [Fact]
    public async Task Killed_between_the_enum_commit_and_the_change_transaction()
    {
        await using var db = await StartAsync(WithValueAndColumn);

        await using var holder = new NpgsqlConnection(db.Db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await Scalar.ExecuteAsync(holder, "LOCK TABLE items IN ACCESS SHARE MODE");
        db.StartProcess();
        await db.UntilAsync("SELECT count(*) FROM pg_enum WHERE enumlabel = 'review'");

        await db.KillAsync();
        Assert.Equal("enum values", await db.Db.QueryAsync<string>(LastPhase));
        await hold.RollbackAsync();

        await db.FinishAsync();
        Assert.Equal(1L, await db.Db.QueryAsync<long>("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'note' AND NOT attisdropped"));
    }

    [Fact]
    public async Task Killed_between_not_valid_and_the_validation()
    {
        await using var db = await StartAsync(WithCheck);

        db.StartProcess();
        await db.UntilAsync(Validating);

        await db.KillAsync();
        Assert.Equal("changed", await db.Db.QueryAsync<string>(LastPhase));

        await db.FinishAsync();
        Assert.True(await db.Db.QueryAsync<bool>("SELECT convalidated FROM pg_constraint WHERE conname = 'ck_items_code'"));
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_concurrent_index_build()
    {
        await using var db = await StartAsync(WithIndex);

        db.StartProcess();
        await db.UntilAsync(BuildingIndex);

        await db.KillAsync();
        Assert.Equal("changed", await db.Db.QueryAsync<string>(LastPhase));

        await db.FinishAsync();
        Assert.True(await db.Db.QueryAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_items_code'::regclass"));
    }

    [Fact]
    public async Task Killed_in_the_middle_of_a_backfill()
    {
        await using var db = await StartAsync(WithBackfill);

        db.StartProcess();
        await db.UntilAsync("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'label'");
        await db.UntilAsync("SELECT count(*) FROM items WHERE label IS NOT NULL");

        await db.KillAsync();
        Assert.Equal("changed", await db.Db.QueryAsync<string>(LastPhase));

        await db.FinishAsync();
        Assert.Equal(0L, await db.Db.QueryAsync<long>("SELECT count(*) FROM items WHERE label IS DISTINCT FROM code"));
        Assert.Equal(1L, await db.Db.QueryAsync<long>("SELECT count(*) FROM schema_history WHERE phase = 'data step'"));
    }

    private static async Task<Interrupted> StartAsync(string after)
    {
        var db = await MigrationDatabase.CreateAsync();
        await ModelCompiler.Cached(Before).ApplyAsync(db.Database);
        await db.ExecuteAsync(SlowFunctions + Rows);
        return new Interrupted(db, after);
    }

    /// <summary>A database at <see cref="Before"/> with rows, and an apply of the next model that can be cut off.</summary>
    private sealed class Interrupted(MigrationDatabase db, string afterSource) : IAsyncDisposable
    {
        private readonly SchemaModel after = ModelCompiler.Cached(afterSource);
        private readonly string _application = "applier_" + Guid.NewGuid().ToString("N")[..8];
        private SchemaDatabase? _applier;
        private string? _folder;
        private Process? _process;
        private Task<string>? _output;
        private Task<string>? _error;

        public MigrationDatabase Db => db;

        public SchemaModel After => after;

        /// <summary>Starts the apply through connections of their own, recognisable by their application name.</summary>
        public Task<ApplyResult> ApplyAsync(ApplyOptions? options = null)
        {
            _applier = SchemaDatabase.Create(new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = _application }.ConnectionString);
            return after.ApplyAsync(_applier, options ?? new ApplyOptions()).AsTask();
        }

        /// <summary>Waits until <paramref name="countQuery"/> counts a row, failing at once if the applying process ended first.</summary>
        public Task UntilAsync(string countQuery) => db.UntilAsync(countQuery, check: async () =>
        {
            if (_process is { HasExited: true })
            {
                Assert.Fail($"The applying process ended (exit {_process.ExitCode}) before: {countQuery}\n{await _output!}\n{await _error!}");
            }
        });

        /// <summary>Terminates every connection of the apply, as a killed process or a dropped network would, and waits for it to fail.</summary>
        public async Task CutOffAsync(Task<ApplyResult> applying)
        {
            await db.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{_application}'");
            Assert.NotNull(await Record.ExceptionAsync(() => applying));
            await _applier!.DisposeAsync();

            // A terminated server process ends (releasing its locks) a moment after the client sees its connection fail.
            Assert.True(
                await Eventually.TrueAsync(
                    async () => await db.QueryAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{_application}'") == 0,
                    TimeSpan.FromSeconds(20),
                    TimeSpan.FromMilliseconds(20)),
                "The apply's server processes did not end.");
        }

        /// <summary>Starts <c>schema apply</c> of the next model in a process of its own (tests/Schema.ApplyHost), with its default options.</summary>
        public void StartProcess()
        {
            _folder = Directory.CreateTempSubdirectory("schema-killed-apply-").FullName;
            var model = ModelCompiler.CompileToFile(afterSource, _folder);
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Schema.ApplyHost.dll"), model, "schema", "apply" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DATABASE_URL"] = db.ConnectionString;
            _process = Process.Start(start)!;
            _output = _process.StandardOutput.ReadToEndAsync();
            _error = _process.StandardError.ReadToEndAsync();
        }

        /// <summary>Kills the applying process outright (SIGKILL), with no chance to clean up, and makes sure it was still applying.</summary>
        public async Task KillAsync()
        {
            if (_process!.HasExited)
            {
                Assert.Fail($"The apply ended before it could be killed (exit {_process.ExitCode}):\n{await _output!}\n{await _error!}");
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            Assert.Equal(137, _process.ExitCode);
        }

        /// <summary>
        /// The next apply, from another process's connections, completes the model: nothing pending, the history's last
        /// row complete. After a kill it starts at once, while the killed process's last statement may still be running
        /// on the server (and may even finish).
        /// </summary>
        public async Task<ApplyResult> FinishAsync()
        {
            await using var next = SchemaDatabase.Create(db.ConnectionString);
            var result = await after.ApplyAsync(next);
            Assert.True((await after.StatusAsync(next)).IsUpToDate);
            Assert.Equal("complete", await db.QueryAsync<string>(LastPhase));
            return result;
        }

        public async ValueTask DisposeAsync()
        {
            _process?.Dispose();
            await db.DisposeAsync();
            if (_folder is not null)
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
