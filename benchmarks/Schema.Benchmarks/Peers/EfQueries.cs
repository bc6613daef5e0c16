using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Schemata.Benchmarks.Model;

namespace Schemata.Benchmarks.Peers;

/// <summary>EF Core compiled queries: the LINQ translation done once, as EF's own performance guide advises.</summary>
public static class EfQueries
{
    public static readonly Func<BenchContext, long, Task<Item?>> GetItem =
        EF.CompileAsyncQuery((BenchContext context, long id) => context.Items.AsNoTracking().FirstOrDefault(e => e.Id == id));

    public static readonly Func<BenchContext, int, System.Collections.Generic.IAsyncEnumerable<Item>> PageItems =
        EF.CompileAsyncQuery((BenchContext context, int limit) => context.Items.AsNoTracking().OrderBy(e => e.Id).Take(limit));

    public static readonly Func<BenchContext, System.Collections.Generic.IAsyncEnumerable<Item>> AllItems =
        EF.CompileAsyncQuery((BenchContext context) => context.Items.AsNoTracking());
}
