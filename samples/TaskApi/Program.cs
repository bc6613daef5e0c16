using Schemata;
using TaskApi;
using TaskApi.Data;

// `dotnet run -- schema script | plan | apply | status | drop --confirm` (DATABASE_URL / DATABASE_MIGRATE_URL)
if (SchemaCommands.Handles(args)) return await SchemaCommands.RunAsync(args, Schema.Model);

// With DATABASE_URL set the API uses it; without it, a throwaway PostgreSQL is started for this run.
await using var server = Environment.GetEnvironmentVariable("DATABASE_URL") is { Length: > 0 }
    ? null
    : await TestPostgres.StartAsync();
await using var app = TaskApiApp.Build(args, server?.ConnectionString);
await app.RunAsync();
return 0;
