using System.Collections.Generic;

#if SCHEMA_GENERATOR
namespace Schemata.Generator.Shared;
#else
namespace Schemata;
#endif

/// <summary>An index of a <see cref="TableModel"/> that backs no constraint.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The indexed columns, in order.</param>
/// <param name="IsUnique">Whether the index is unique.</param>
/// <param name="Method">The access method: <c>btree</c>, <c>hash</c>, <c>gin</c>, <c>gist</c>, <c>spgist</c> or <c>brin</c>.</param>
/// <param name="Filter">The predicate of a partial index, as SQL; <see langword="null"/> when the index covers every row.</param>
#if SCHEMA_GENERATOR
internal
#else
public
#endif
sealed record IndexModel(string Name, IReadOnlyList<string> Columns, bool IsUnique = false, string Method = "btree", string? Filter = null);
