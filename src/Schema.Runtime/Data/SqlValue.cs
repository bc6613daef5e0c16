using System;
using Npgsql;

namespace Schemata;

/// <summary>What <see cref="SqlValues.Register{T}"/> registered for <typeparamref name="T"/>, one static field per type.</summary>
internal static class SqlValue<T>
{
    /// <summary>Whether <typeparamref name="T"/> is an enum, a nullable enum or an enum array: Npgsql cannot write those by itself.</summary>
    internal static readonly bool IsEnum = typeof(T).IsEnum
        || Nullable.GetUnderlyingType(typeof(T)) is { IsEnum: true }
        || (typeof(T).IsArray && typeof(T).GetElementType() is { IsEnum: true });

    internal static volatile Func<T, NpgsqlParameter>? Create;
}
