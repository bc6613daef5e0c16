using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Schemata;
using TaskApi.Data;

namespace TaskApi;

/// <summary>The HTTP API of spec 002: users and their tasks, plus <c>/readyz</c>.</summary>
public static class TaskApiApp
{
    /// <summary>Builds the app: the database from <paramref name="connectionString"/> (else DATABASE_URL), the schema applied at startup.</summary>
    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>).</param>
    /// <param name="connectionString">A URL or keyword string; <see langword="null"/> reads DATABASE_URL.</param>
    /// <returns>The app, not yet started.</returns>
    public static WebApplication Build(string[] args, string? connectionString = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSchemaDatabase(options =>
        {
            options.ConnectionString = connectionString;
            options.DatabaseOptions = new SchemaDatabaseOptions { MinPoolSize = 1, MaxPoolSize = 10 };
            options.ApplySchemaOnStartup = Schema.Model;
            options.StartupTimeout = TimeSpan.FromSeconds(30);
        });

        var app = builder.Build();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = WriteReadinessAsync });
        MapUsers(app);
        MapTasks(app);
        return app;
    }

    private static void MapUsers(WebApplication app)
    {
        app.MapPost("/users", async (CreateUser body, SchemaSession session, CancellationToken ct) =>
        {
            var user = await session.Users().InsertAsync(new User { Email = body.Email, Name = body.Name }, ct);
            return Results.Created($"/users/{user.Id}", user);
        });

        app.MapGet("/users/{userId:guid}", async (Guid userId, SchemaSession session, CancellationToken ct) =>
            Results.Ok(await session.Users().GetAsync(userId, cancellationToken: ct).OrNotFound("user", userId)));
    }

    private static void MapTasks(WebApplication app)
    {
        app.MapPost("/users/{userId:guid}/tasks", async (Guid userId, CreateTask body, SchemaSession session, CancellationToken ct) =>
        {
            await session.Users().ExistsAsync(userId, cancellationToken: ct).OrNotFound("user", userId);
            var task = await session.TaskItems().InsertAsync(
                new TaskItem { UserId = userId, Title = body.Title, Description = body.Description }, ct);
            return Results.Created($"/tasks/{task.Id}", task);
        });

        app.MapGet("/users/{userId:guid}/tasks", async (Guid userId, SchemaSession session, CancellationToken ct) =>
        {
            await session.Users().ExistsAsync(userId, cancellationToken: ct).OrNotFound("user", userId);
            return Results.Ok(await session.TaskItems().ListByUserIdAsync(userId, cancellationToken: ct));
        });

        app.MapGet("/tasks/{id:guid}", async (Guid id, SchemaSession session, CancellationToken ct) =>
            Results.Ok(await session.TaskItems().GetAsync(id, cancellationToken: ct).OrNotFound("task", id)));

        app.MapPost("/tasks/{id:guid}/complete", async (Guid id, SchemaSession session, CancellationToken ct) =>
        {
            var task = await session.TaskItems().GetAsync(id, cancellationToken: ct).OrNotFound("task", id);
            task.Completed = true;
            await session.TaskItems().UpdateAsync(task, ct).OrNotFound("task", id);
            return Results.Ok(task);
        });

        app.MapDelete("/tasks/{id:guid}", async (Guid id, SchemaSession session, CancellationToken ct) =>
        {
            await session.TaskItems().SoftDeleteAsync(id, ct).OrNotFound("task", id);
            return Results.NoContent();
        });
    }

    /// <summary><c>{"postgres":"ok"}</c> or <c>{"postgres":"error: &lt;reason&gt;"}</c>; 503 when not ready.</summary>
    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            entries[name] = entry.Description ?? entry.Status.ToString();
        }

        return context.Response.WriteAsJsonAsync(entries);
    }
}

/// <summary>The body of <c>POST /users</c>.</summary>
public sealed record CreateUser(string Email, string Name);

/// <summary>The body of <c>POST /users/{userId}/tasks</c>.</summary>
public sealed record CreateTask(string Title, string? Description);
