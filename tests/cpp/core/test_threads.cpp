// parallel_for (core/threads.h): every item once, a worker's exception
// rethrown on the calling thread, an interrupt poll stopping the loop with
// Interrupted; and with_rank (core/rank.h).
#include <nmfkit/core/rank.h>
#include <nmfkit/core/threads.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../harness.h"

TEST(parallel_for_runs_every_item_once) {
  for (int threads : {1, 2, 4}) {
    std::vector<int> hits(1000, 0);
    nmfkit::parallel_for(1000, threads, [&](int i) { ++hits[i]; });
    int wrong = 0;
    for (int h : hits) wrong += h != 1;
    CHECK_EQ(wrong, 0);
  }
}

TEST(parallel_for_rethrows_a_workers_exception_on_the_calling_thread) {
  for (int threads : {1, 2}) {
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> done(0);
    std::string message;
    bool caught = false;
    try {
      nmfkit::parallel_for(200, threads, [&](int i) {
        if (i == 57) throw std::runtime_error("item 57 failed");
        ++done;
      });
    } catch (const std::runtime_error& e) {
      caught = std::this_thread::get_id() == caller;
      message = e.what();
    }
    CHECK(caught);
    CHECK_EQ(message, std::string("item 57 failed"));
    CHECK(done.load() < 200);
  }
  // an exception of another type keeps its type
  CHECK_THROWS(nmfkit::parallel_for(50, 2, [](int i) { if (i == 3) throw std::out_of_range("x"); }),
               std::out_of_range);
}

TEST(an_interrupt_poll_stops_parallel_for_with_interrupted) {
  for (int threads : {1, 2}) {
    std::atomic<int> items(0);
    int polls = 0;
    bool interrupted = false;
    {
      nmfkit::InterruptPoll scope([&] { return ++polls > 10; });  // asks to stop at the 11th poll
      try {
        // the poll is asked on this thread only: the others are slowed down
        // so that this one surely takes a dozen items
        nmfkit::parallel_for(100000, threads, [&](int) {
          if (nmfkit::thread_index() != 0) std::this_thread::sleep_for(std::chrono::microseconds(20));
          ++items;
        });
      } catch (const nmfkit::Interrupted&) {
        interrupted = true;
      }
    }
    CHECK(interrupted);
    CHECK(polls >= 11);
    CHECK(items.load() < 100000);
    // the scope is gone: nothing interrupts any more
    CHECK(!nmfkit::interrupt_requested());
    std::atomic<int> all(0);
    nmfkit::parallel_for(1000, threads, [&](int) { ++all; });
    CHECK_EQ(all.load(), 1000);
  }
}

TEST(the_interrupt_poll_is_asked_on_the_installing_thread_only) {
  nmfkit::InterruptPoll scope([] { return true; });
  bool other = true;
  std::thread t([&] { other = nmfkit::interrupt_requested(); });
  t.join();
  CHECK(!other);
  CHECK(nmfkit::interrupt_requested());
}

TEST(with_rank_gives_the_rank_at_compile_time_up_to_max) {
  for (int k = -1; k <= 12; ++k) {
    const int got = nmfkit::with_rank<8>(k, [](auto K) {
      static_assert(decltype(K)::value >= 0 && decltype(K)::value <= 8, "K out of range");
      return decltype(K)::value;
    });
    CHECK_EQ(got, (k >= 1 && k <= 8) ? k : 0);
  }
  CHECK_EQ(nmfkit::with_rank<0>(1, [](auto K) { return decltype(K)::value; }), 0);
}
