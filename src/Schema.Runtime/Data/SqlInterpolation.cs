using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Npgsql;

namespace Schemata;

/// <summary>
/// Builds parameterized SQL from an interpolated string: every <c>{value}</c> becomes a positional parameter
/// (<c>$1</c>, <c>$2</c>, …) typed by its C# type, never text spliced into the SQL. Only interpolated string
/// literals convert to it, so values cannot be concatenated in by accident.
/// </summary>
/// <remarks>
/// <para>
/// A value is sent as the column that holds it expects it: <c>[DbEnum]</c> enums (also nullable, and arrays) as their
/// labels, <c>[Jsonb]</c> classes as <c>jsonb</c>, a <see cref="DateTimeOffset"/> as the instant it is (converted to
/// UTC, as generated writes do); everything else as Npgsql writes its type.
/// </para>
/// <para>A string without values (<c>$"SELECT 1"</c>) is kept as it is: no builder, no parameter list, no copy.</para>
/// </remarks>
[InterpolatedStringHandler]
public struct SqlInterpolation
{
    // The SQL while it is one literal part; a builder takes over at the first value or second part.
    private string? _literal;
    private StringBuilder? _sql;
    private readonly NpgsqlParameter[]? _parameters;
    private int _count;

    // A value refused while the string was built (an enum member without a label); thrown by the statement's task.
    private ExceptionDispatchInfo? _error;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    /// <param name="literalLength">Total length of the literal parts.</param>
    /// <param name="formattedCount">Number of interpolated values.</param>
    public SqlInterpolation(int literalLength, int formattedCount)
    {
        _literal = null;
        _count = 0;
        _error = null;
        if (formattedCount > 0)
        {
            _sql = new StringBuilder(literalLength + (formattedCount * 3));
            _parameters = new NpgsqlParameter[formattedCount];
        }
        else
        {
            _sql = null;
            _parameters = null;
        }
    }

    /// <summary>Appends SQL text written in the source.</summary>
    /// <param name="value">The literal part.</param>
    public void AppendLiteral(string value)
    {
        if (_sql is null)
        {
            if (_literal is null)
            {
                _literal = value;
                return;
            }

            _sql = new StringBuilder(_literal);
            _literal = null;
        }

        _sql.Append(value);
    }

    /// <summary>Appends a value as the next positional parameter.</summary>
    /// <typeparam name="T">The value's type; decides the PostgreSQL type sent.</typeparam>
    /// <param name="value">The value (null becomes SQL NULL).</param>
    public void AppendFormatted<T>(T value)
    {
        // The compiler calls this exactly formattedCount times, so the array and the builder exist.
        _parameters![_count++] = Parameter(value);
        _sql!.Append('$').Append(_count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The SQL text with its positional parameter markers.</summary>
    public readonly string Sql => _literal ?? _sql?.ToString() ?? string.Empty;

    /// <summary>The number of parameters.</summary>
    public readonly int ParameterCount => _count;

    internal readonly NpgsqlCommand CreateCommand(SchemaSession session)
    {
        _error?.Throw();
        var command = session.CreateCommand(Sql);
        for (var i = 0; i < _count; i++)
        {
            command.Parameters.Add(_parameters![i]);
        }

        return command;
    }

    private NpgsqlParameter Parameter<T>(T value)
    {
        if (SqlValue<T>.Create is { } create)
        {
            try
            {
                return create(value);
            }
            catch (Exception exception)
            {
                _error ??= ExceptionDispatchInfo.Capture(exception);
                return new NpgsqlParameter();
            }
        }

        // The type tests are constants once T is known: for other types these branches are not compiled in.
        if (typeof(T) == typeof(DateTimeOffset))
        {
            return new NpgsqlParameter<DateTimeOffset> { TypedValue = Unsafe.As<T, DateTimeOffset>(ref value).ToUniversalTime() };
        }

        if (typeof(T) == typeof(DateTimeOffset?))
        {
            return new NpgsqlParameter<DateTimeOffset?> { TypedValue = Unsafe.As<T, DateTimeOffset?>(ref value)?.ToUniversalTime() };
        }

        if (SqlValue<T>.IsEnum)
        {
            _error ??= ExceptionDispatchInfo.Capture(new InvalidOperationException(
                $"{typeof(T).Name} has no database labels registered, so it cannot be a parameter. Mark the enum [DbEnum] in a project " +
                "that references Schema.Generator; its generated mapper registers itself when that assembly's code first runs " +
                "(Schema.ApplyAsync, or any of its generated tables)."));
        }

        return new NpgsqlParameter<T> { TypedValue = value };
    }
}
