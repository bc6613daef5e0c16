using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Schemata.Tests.TaskApi;

/// <summary>Spec 002 over HTTP: users and tasks on a fresh database, the schema applied by the app at startup.</summary>
public sealed class TaskApiTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TaskApiHost _host = null!;

    private HttpClient Http => _host.Http;

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.SharedAsync();
        _database = await server.CreateDatabaseAsync();
        _host = await TaskApiHost.StartAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<JsonElement> CreateUserAsync(string email)
    {
        var response = await Http.PostAsJsonAsync("/users", new { email, name = "Ann" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> CreateTaskAsync(Guid userId, string title, string? description = null) =>
        await Http.PostAsJsonAsync($"/users/{userId}/tasks", new { title, description });

    [Fact]
    public async Task Create_list_complete_and_soft_delete_tasks()
    {
        var user = await CreateUserAsync("ann@example.com");
        var userId = user.GetProperty("id").GetGuid();

        var created = await CreateTaskAsync(userId, "Write spec", "Module 1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var task = await created.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = task.GetProperty("id").GetGuid();
        Assert.False(task.GetProperty("completed").GetBoolean());
        Assert.Equal(userId, task.GetProperty("userId").GetGuid());
        Assert.Equal(HttpStatusCode.Created, (await CreateTaskAsync(userId, "Review")).StatusCode);

        var list = await Http.GetFromJsonAsync<List<JsonElement>>($"/users/{userId}/tasks");
        Assert.Equal(2, list!.Count);

        var completed = await Http.PostAsync($"/tasks/{taskId}/complete", null);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.True((await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completed").GetBoolean());
        Assert.True((await Http.GetFromJsonAsync<JsonElement>($"/tasks/{taskId}")).GetProperty("completed").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/tasks/{taskId}")).StatusCode);
        Assert.Single((await Http.GetFromJsonAsync<List<JsonElement>>($"/users/{userId}/tasks"))!);
        Assert.Equal(1L, await Scalar.QueryAsync<long>(_database.ConnectionString, $"SELECT count(*) FROM tasks WHERE id = '{taskId}' AND deleted_at IS NOT NULL"));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("201", null)]
    [InlineData("ok", "1001")]
    public async Task Seed_lengths_are_enforced_with_a_400_naming_the_field(string title, string? description)
    {
        var userId = (await CreateUserAsync($"len-{Guid.NewGuid():N}@example.com")).GetProperty("id").GetGuid();
        title = title == "201" ? new string('t', 201) : title;
        description = description == "1001" ? new string('d', 1001) : description;

        var response = await CreateTaskAsync(userId, title, description);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains(description is null ? "TaskItem.Title" : "TaskItem.Description", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await CreateTaskAsync(userId, new string('t', 200), new string('d', 1000))).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_email_is_a_409_naming_the_constraint_and_column()
    {
        await CreateUserAsync("twin@example.com");

        var response = await Http.PostAsJsonAsync("/users", new { email = "twin@example.com", name = "Twin" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["email"], JsonSerializer.Deserialize<string[]>(problem.GetProperty("columns").GetRawText())!);
        Assert.StartsWith("uq_users_email", problem.GetProperty("constraint").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("twin@example.com", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_users_and_tasks_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await CreateTaskAsync(Guid.NewGuid(), "Orphan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/users/{Guid.NewGuid()}/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync($"/tasks/{Guid.NewGuid()}/complete", null)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_user_cascades_to_the_tasks()
    {
        var userId = (await CreateUserAsync("cascade@example.com")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await CreateTaskAsync(userId, "Goes with the user")).StatusCode);

        await Scalar.ExecuteAsync(_database.ConnectionString, $"DELETE FROM users WHERE id = '{userId}'");

        Assert.Equal(0L, await Scalar.QueryAsync<long>(_database.ConnectionString, $"SELECT count(*) FROM tasks WHERE user_id = '{userId}'"));
    }

    [Fact]
    public async Task The_schema_has_the_seeds_indexes_defaults_and_cascade()
    {
        var indexes = await Scalar.QueryAsync<string>(_database.ConnectionString,
            "SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'tasks'");
        Assert.Contains("(user_id)", indexes, StringComparison.Ordinal);
        Assert.Contains("(completed)", indexes, StringComparison.Ordinal);
        Assert.Equal("false", await Scalar.QueryAsync<string>(_database.ConnectionString,
            "SELECT column_default FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'completed'"));
        Assert.Equal("c", (await Scalar.QueryAsync<char>(_database.ConnectionString,
            "SELECT confdeltype FROM pg_constraint WHERE conrelid = 'tasks'::regclass AND contype = 'f'")).ToString());
    }

    [Fact]
    public async Task Readyz_answers_postgres_ok()
    {
        var response = await Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"postgres":"ok"}""", await response.Content.ReadAsStringAsync());
    }
}
