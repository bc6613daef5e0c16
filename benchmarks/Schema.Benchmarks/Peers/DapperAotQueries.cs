using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Dapper;
using Schemata.Benchmarks.Infrastructure;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Peers;

/// <summary>
/// The Dapper calls, compiled ahead of time by Dapper.AOT (its interceptors replace Dapper's reflection). Reads go
/// into <see cref="ItemAotRow"/>: see there why.
/// </summary>
[DapperAot]
public static class DapperAotQueries
{
    public static Task<ItemAotRow?> GetAsync(DbConnection connection, DbTransaction transaction, long id) =>
        connection.QueryFirstOrDefaultAsync<ItemAotRow>(Sql.DapperGetItem, new { id }, transaction);

    public static Task<IEnumerable<ItemAotRow>> PageAsync(DbConnection connection, DbTransaction transaction, int limit) =>
        connection.QueryAsync<ItemAotRow>(Sql.DapperPageItems, new { limit = (long)limit, offset = 0L }, transaction);

    public static IAsyncEnumerable<ItemAotRow> StreamAsync(DbConnection connection, DbTransaction transaction) =>
        connection.QueryUnbufferedAsync<ItemAotRow>(Sql.DapperAllItems, transaction: transaction);

    public static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, ItemWrite row) =>
        connection.ExecuteScalarAsync<long>(Sql.DapperInsertWrite, row, transaction);

    public static Task<int> InsertManyAsync(DbConnection connection, DbTransaction transaction, ItemWrite[] rows) =>
        connection.ExecuteAsync(Sql.DapperInsertWrite, rows, transaction);
}
