using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schemata.Benchmarks.Peers;

namespace Schemata.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: session overhead. One unit = open a pooled connection, begin, <c>SELECT 1</c>, commit, dispose; with
/// <see cref="Concurrency"/> = 50, fifty units run at once and an invocation ends when all have.
/// </summary>
[BenchmarkCategory("1 session")]
public class SessionBenchmarks : UnitOfWorkBenchmarks
{
    [Params(1, 50)]
    public int Concurrency { get; set; }

    [Benchmark(Baseline = true)]
    public Task Npgsql() => Run(static self => NpgsqlUnit(self.Source));

    /// <summary>The session with its raw-SQL API: what a user writes.</summary>
    [Benchmark]
    public Task Schema() => Run(static self => SchemaUnit(self.Database));

    /// <summary>The session alone: the same command as the baseline, made by the session.</summary>
    [Benchmark]
    public Task SchemaCommand() => Run(static async self =>
    {
        await using var session = await SchemaSession.BeginAsync(self.Database);
        await using var command = session.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync();
        await session.CommitAsync();
    });

    [Benchmark]
    public Task Dapper() => Run(static async self =>
    {
        await using var connection = await self.Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteScalarAsync<int>("SELECT 1", transaction: transaction);
        await transaction.CommitAsync();
    });

    [Benchmark]
    public Task EfTracking() => Run(static async self =>
    {
        await using var context = new BenchContext(self.EfOptions);
        await using var transaction = await context.Database.BeginTransactionAsync();
        await context.Database.ExecuteSqlRawAsync("SELECT 1");
        await transaction.CommitAsync();
    });

    [Benchmark]
    public Task EfPooled() => Run(static async self =>
    {
        await using var context = self.EfPool.CreateDbContext();
        await using var transaction = await context.Database.BeginTransactionAsync();
        await context.Database.ExecuteSqlRawAsync("SELECT 1");
        await transaction.CommitAsync();
    });

    /// <summary>The baseline's unit of work (also measured by <see cref="Infrastructure.PairedProbe"/>).</summary>
    public static async Task NpgsqlUnit(NpgsqlDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection, transaction);
        await command.ExecuteScalarAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Schema's unit of work (also measured by <see cref="Infrastructure.PairedProbe"/>).</summary>
    public static async Task SchemaUnit(SchemaDatabase database)
    {
        await using var session = await SchemaSession.BeginAsync(database);
        await session.ScalarAsync<int>($"SELECT 1");
        await session.CommitAsync();
    }

    private Task Run(Func<SessionBenchmarks, Task> unit)
    {
        if (Concurrency == 1)
        {
            return unit(this);
        }

        var units = new Task[Concurrency];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = Task.Run(() => unit(this));
        }

        return Task.WhenAll(units);
    }
}
