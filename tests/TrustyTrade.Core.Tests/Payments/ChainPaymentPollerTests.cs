using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TrustyTrade.Core.Deals;
using TrustyTrade.Core.Payments.Chain;
using TrustyTrade.Core.Payments.Crypto;
using TrustyTrade.Core.Tests.Deals;

namespace TrustyTrade.Core.Tests.Payments;

public sealed class ChainPaymentPollerTests : IDisposable
{
    private static readonly ChainOptions Settings = new() { Enabled = true, Confirmations = 12, PollSeconds = 5, MaxBlockRange = 100, WatchDays = 7 };

    private readonly FakeTimeProvider _time = new(DealBuilder.Start);
    private readonly ScriptedChain _chain = new();
    private readonly InMemoryChainPaymentStore _store = new();
    private readonly RecordingScheduler _scheduler = new();
    private readonly InMemoryEscrowStore _escrow = new();
    private readonly ChainPaymentPoller _poller;

    public ChainPaymentPollerTests()
    {
        _poller = new ChainPaymentPoller(_chain, _store, _scheduler,
            new DealService(_escrow, Microsoft.Extensions.Options.Options.Create(new EscrowOptions()), _time, NullLogger<DealService>.Instance),
            Microsoft.Extensions.Options.Options.Create(Settings), _time, NullLogger<ChainPaymentPoller>.Instance);
        _store.AddInvoice("0xdeal1", 1, _time.GetUtcNow());
    }

    public void Dispose() => _escrow.Dispose();

    [Fact]
    public async Task Poll_ReadsOnlyBlocksWithEnoughConfirmations()
    {
        _store.Cursor = new ChainCursor(50, 3, _time.GetUtcNow());
        _chain.Head = 100;

        await _poller.PollAsync(3, null, CancellationToken.None);

        // Block 89 has 100 - 89 + 1 = 12 confirmations; block 90 only 11.
        Assert.Equal([(50L, 89L)], _chain.LogReads);
        Assert.Equal(90, _store.Cursor!.NextBlock);
    }

    [Fact]
    public async Task Poll_TwoRpcCallsPerTick_HoweverManyInvoicesAreOpen()
    {
        for (var i = 0; i < 10_000; i++)
        {
            _store.AddInvoice($"0xmany{i}", 1000 + i, _time.GetUtcNow());
        }

        _store.Cursor = new ChainCursor(89, 0, _time.GetUtcNow());
        _chain.Head = 100;

        await _poller.PollAsync(0, null, CancellationToken.None);

        Assert.Equal(2, _chain.RpcCalls);
    }

    [Fact]
    public async Task Poll_NoNewConfirmedBlock_ReadsTheHeadOnlyAndComesBackLater()
    {
        _store.Cursor = new ChainCursor(90, 0, _time.GetUtcNow());
        _chain.Head = 100;

        await _poller.PollAsync(0, null, CancellationToken.None);

        Assert.Empty(_chain.LogReads);
        Assert.Equal([(1L, TimeSpan.FromSeconds(5))], _scheduler.Scheduled);
    }

    [Fact]
    public async Task Poll_FarBehind_ReadsOneRangeAndComesBackAtOnce()
    {
        _store.Cursor = new ChainCursor(0, 0, _time.GetUtcNow());
        _chain.Head = 1000;

        await _poller.PollAsync(0, null, CancellationToken.None);

        Assert.Equal([(0L, 99L)], _chain.LogReads);
        Assert.Equal([(1L, TimeSpan.Zero)], _scheduler.Scheduled);
    }

    [Fact]
    public async Task Poll_ATickThatIsNotTheScheduledOne_DoesNothing()
    {
        _store.Cursor = new ChainCursor(50, 4, _time.GetUtcNow());
        _chain.Head = 100;

        await _poller.PollAsync(3, null, CancellationToken.None);

        Assert.Equal(0, _chain.RpcCalls);
        Assert.Empty(_scheduler.Scheduled);
        Assert.Equal(50, _store.Cursor!.NextBlock);
    }

    [Fact]
    public async Task Poll_RecordsTransfersToDepositAddressesOnly()
    {
        _store.Cursor = new ChainCursor(50, 0, _time.GetUtcNow());
        _chain.Head = 100;
        _chain.Transfers.Add(new TokenTransfer("0xaa", 0, 60, "0xbuyer", "0xdeal1", 5m));
        _chain.Transfers.Add(new TokenTransfer("0xbb", 0, 61, "0xbuyer", "0xstranger", 7m));

        await _poller.PollAsync(0, null, CancellationToken.None);

        Assert.Equal(["0xaa"], _store.Recorded.Select(t => t.TransactionHash));
    }

    [Fact]
    public async Task Poll_NoAddressWatchedAnyMore_StopsTicking()
    {
        _store.Cursor = new ChainCursor(50, 0, _time.GetUtcNow());
        _chain.Head = 100;
        _time.Advance(TimeSpan.FromDays(8));

        await _poller.PollAsync(0, null, CancellationToken.None);

        Assert.Empty(_scheduler.Scheduled);
    }

    [Fact]
    public async Task EnsurePolling_FirstInvoice_StartsAtTheConfirmedHeadWithATickAtOnce()
    {
        _chain.Head = 500;

        await _poller.EnsurePollingAsync(CancellationToken.None);

        Assert.Equal(489, _store.Cursor!.NextBlock);
        Assert.Equal([(1L, TimeSpan.Zero)], _scheduler.Scheduled);
    }

    [Fact]
    public async Task EnsurePolling_PollingAlive_StartsNothing()
    {
        _store.Cursor = new ChainCursor(50, 7, _time.GetUtcNow() - TimeSpan.FromSeconds(5));

        await _poller.EnsurePollingAsync(CancellationToken.None);

        Assert.Empty(_scheduler.Scheduled);
    }

    [Fact]
    public async Task EnsurePolling_NoTickForThreeIntervals_StartsANewOne()
    {
        _store.Cursor = new ChainCursor(50, 7, _time.GetUtcNow() - TimeSpan.FromSeconds(16));

        await _poller.EnsurePollingAsync(CancellationToken.None);

        Assert.Equal([(8L, TimeSpan.Zero)], _scheduler.Scheduled);
    }

    private sealed class RecordingScheduler : IChainPollScheduler
    {
        public List<(long Tick, TimeSpan Delay)> Scheduled { get; } = [];

        public Task ScheduleAsync(long tick, TimeSpan delay, CancellationToken cancellationToken)
        {
            Scheduled.Add((tick, delay));
            return Task.CompletedTask;
        }
    }
}
