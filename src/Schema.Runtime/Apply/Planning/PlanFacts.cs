using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Schemata;

/// <summary>
/// What the planner must know about the rows before it can plan: whether a table is empty (then changes take the
/// simple path), and how many rows a change would fail on (NULLs, duplicates, rows a check or foreign key rejects,
/// values a narrower type cannot hold). The planner runs twice: the first pass asks, the answers are read in one
/// batch of read-only counts, the second pass plans with them. A count that cannot be read (its SQL fails, say
/// because it names a column the same apply adds) is simply unknown.
/// </summary>
internal sealed class PlanFacts
{
    private readonly Dictionary<string, string> _questions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>? _answers;

    private PlanFacts(Dictionary<string, long>? answers) => _answers = answers;

    /// <summary>Facts for a first pass: every question is recorded and answered "unknown".</summary>
    public static PlanFacts Asking() => new(null);

    public bool HasQuestions => _questions.Count > 0;

    /// <summary>The count <paramref name="sql"/> returns (one bigint), or <see langword="null"/> when not known.</summary>
    public long? Count(string key, string sql)
    {
        if (_answers is null)
        {
            _questions.TryAdd(key, sql);
            return null;
        }

        return _answers.TryGetValue(key, out var count) ? count : null;
    }

    /// <summary>Whether the table holds no rows; <see langword="null"/> when not known.</summary>
    public bool? IsEmpty(CatalogTable table)
        => Count("rows " + table.QualifiedName, "SELECT count(*) FROM (SELECT 1 FROM " + table.QualifiedName + " LIMIT 1) AS any_row") is { } rows ? rows == 0 : null;

    /// <summary>Reads the answers to <paramref name="asked"/>'s questions; read-only, in the caller's transaction.</summary>
    public static async ValueTask<PlanFacts> AnswerAsync(PlanFacts asked, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, long>(StringComparer.Ordinal);
        var questions = new List<KeyValuePair<string, string>>(asked._questions);
        await RunAsync(connection, transaction, "SAVEPOINT plan_facts", cancellationToken).ConfigureAwait(false);
        try
        {
            await ReadAsync(questions, answers, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            // One question could not be asked; ask them one at a time so the others are still answered.
            answers.Clear();
            foreach (var question in questions)
            {
                await RunAsync(connection, transaction, "ROLLBACK TO SAVEPOINT plan_facts", cancellationToken).ConfigureAwait(false);
                try
                {
                    await ReadAsync([question], answers, connection, transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException)
                {
                }
            }
        }

        await RunAsync(connection, transaction, "ROLLBACK TO SAVEPOINT plan_facts", cancellationToken).ConfigureAwait(false);
        return new PlanFacts(answers);
    }

    private static async ValueTask ReadAsync(
        List<KeyValuePair<string, string>> questions, Dictionary<string, long> answers, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using var batchScope = batch.ConfigureAwait(false);
        foreach (var question in questions)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(question.Value));
        }

        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var i = 0;
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                answers[questions[i].Key] = reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            }

            i++;
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
    }

    private static async ValueTask RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
