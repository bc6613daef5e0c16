using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace Schemata;

/// <summary>
/// Builds parameterized SQL from an interpolated string: every <c>{value}</c> becomes a positional parameter
/// (<c>$1</c>, <c>$2</c>, …) typed by its C# type, never text spliced into the SQL. Only interpolated string
/// literals convert to it, so values cannot be concatenated in by accident.
/// </summary>
[InterpolatedStringHandler]
public struct SqlInterpolation
{
    private readonly StringBuilder _sql;
    private readonly List<NpgsqlParameter> _parameters;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    /// <param name="literalLength">Total length of the literal parts.</param>
    /// <param name="formattedCount">Number of interpolated values.</param>
    public SqlInterpolation(int literalLength, int formattedCount)
    {
        _sql = new StringBuilder(literalLength + (formattedCount * 3));
        _parameters = new List<NpgsqlParameter>(formattedCount);
    }

    /// <summary>Appends SQL text written in the source.</summary>
    /// <param name="value">The literal part.</param>
    public readonly void AppendLiteral(string value) => _sql.Append(value);

    /// <summary>Appends a value as the next positional parameter.</summary>
    /// <typeparam name="T">The value's type; decides the PostgreSQL type sent.</typeparam>
    /// <param name="value">The value (null becomes SQL NULL).</param>
    public readonly void AppendFormatted<T>(T value)
    {
        _parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        _sql.Append('$').Append(_parameters.Count);
    }

    /// <summary>The SQL text with its positional parameter markers.</summary>
    public readonly string Sql => _sql?.ToString() ?? string.Empty;

    /// <summary>The number of parameters.</summary>
    public readonly int ParameterCount => _parameters?.Count ?? 0;

    internal readonly NpgsqlCommand CreateCommand(SchemaSession session)
    {
        var command = session.CreateCommand(Sql);
        foreach (var parameter in _parameters ?? [])
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
