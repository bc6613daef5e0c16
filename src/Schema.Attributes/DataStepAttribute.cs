using System;

namespace Schemata;

/// <summary>
/// Marks a static method as a data step: one-off data work in code, run once per database, in the order of the steps'
/// ids, inside apply after the short changes and before index builds and validations. The method is called again and
/// again, each call in a transaction of its own, until it returns 0: do at most <c>batchSize</c> rows per call and
/// return how many you changed, so that writers are never held up for long and an interrupted step simply resumes.
/// The method's signature is <c>static ValueTask&lt;int&gt; Name(SchemaSession session, int batchSize, CancellationToken cancellationToken)</c>.
/// </summary>
/// <example>
/// <code>
/// public static class DataSteps
/// {
///     [DataStep("2026-12-02 split names")]
///     public static ValueTask&lt;int&gt; SplitNamesAsync(SchemaSession session, int batchSize, CancellationToken cancellationToken)
///         => session.ExecuteAsync($"""
///             UPDATE users SET first_name = split_part(name, ' ', 1), last_name = split_part(name, ' ', 2)
///             WHERE id IN (SELECT id FROM users WHERE first_name IS NULL LIMIT {batchSize})
///             """, cancellationToken);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DataStepAttribute : Attribute
{
    /// <summary>Marks the method as the data step <paramref name="id"/>.</summary>
    /// <param name="id">The step's id, unique in the model; steps run in the order of their ids (start it with a date).</param>
    public DataStepAttribute(string id) => Id = id;

    /// <summary>The step's id, unique in the model.</summary>
    public string Id { get; }

    /// <summary>The batch size passed to each call; 1,000 by default.</summary>
    public int BatchSize { get; set; } = 1000;
}
