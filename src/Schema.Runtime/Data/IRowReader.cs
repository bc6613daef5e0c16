using Npgsql;

namespace Schemata;

/// <summary>
/// Materialises rows of a query into <typeparamref name="T"/>. Generated for every entity
/// (<c>UserReader.Instance</c>); columns are matched by name, so any column order and extra columns are fine.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public interface IRowReader<out T>
{
    /// <summary>Finds each mapped column in the result by name.</summary>
    /// <param name="reader">A reader positioned before its first row.</param>
    /// <returns>The ordinal of each mapped property, -1 for a nullable one the query does not return.</returns>
    /// <exception cref="SchemaDataException">A column the entity needs is missing from the result.</exception>
    int[] ResolveOrdinals(NpgsqlDataReader reader);

    /// <summary>Reads the current row.</summary>
    /// <param name="reader">A reader positioned on a row.</param>
    /// <param name="ordinals">What <see cref="ResolveOrdinals"/> returned for this reader.</param>
    /// <returns>The entity.</returns>
    T Read(NpgsqlDataReader reader, int[] ordinals);
}
