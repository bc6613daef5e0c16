using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Dapper;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Peers;

/// <summary>The same Dapper calls, run by Dapper itself (reflection-emitted, cached per query).</summary>
[DapperAot(false)]
public static class DapperQueries
{
    public static Task<Item?> GetAsync(DbConnection connection, DbTransaction transaction, long id) =>
        connection.QueryFirstOrDefaultAsync<Item>(Sql.DapperGetItem, new { id }, transaction);

    public static Task<IEnumerable<Item>> PageAsync(DbConnection connection, DbTransaction transaction, int limit) =>
        connection.QueryAsync<Item>(Sql.DapperPageItems, new { limit = (long)limit, offset = 0L }, transaction);

    public static IAsyncEnumerable<Item> StreamAsync(DbConnection connection, DbTransaction transaction) =>
        connection.QueryUnbufferedAsync<Item>(Sql.DapperAllItems, transaction: transaction);

    public static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, ItemWrite row) =>
        connection.ExecuteScalarAsync<long>(Sql.DapperInsertWrite, row, transaction);

    public static Task<int> InsertManyAsync(DbConnection connection, DbTransaction transaction, ItemWrite[] rows) =>
        connection.ExecuteAsync(Sql.DapperInsertWrite, rows, transaction);
}
