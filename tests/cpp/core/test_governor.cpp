// The thread governor (core/governor.h): regions that got no speed-up from
// their threads switch the next ones to one thread, for a pause that doubles
// while the machine stays busy (one slow region ends a trial of the threads
// after a pause); a region with a speed-up clears the strikes.
#include <nmfkit/core/governor.h>
#include <nmfkit/core/threads.h>

#include <vector>

#include "../harness.h"

TEST(governor_switches_to_one_thread_after_three_slow_regions_and_tries_again) {
  nmfkit::ThreadGovernor g;
  double now = 100.0;
  CHECK_EQ(g.threads_for(2, now), 2);
  g.record(2, 0.01, 0.011, now);  // speed-up 1.1: slow
  g.record(2, 0.01, 0.011, now);
  CHECK_EQ(g.threads_for(2, now), 2);
  g.record(2, 0.01, 0.011, now);
  CHECK(g.serial());
  CHECK_EQ(g.threads_for(2, now + 0.1), 1);
  CHECK_EQ(g.threads_for(1, now + 0.1), 1);
  CHECK_EQ(g.threads_for(2, now + 0.6), 2);  // after the first pause of 0.5 s
  g.record(2, 0.01, 0.01, now + 0.6);         // one slow region ends the trial
  CHECK(g.serial());
  CHECK_EQ(g.threads_for(2, now + 1.5), 1);  // the second pause is 1 s
  CHECK_EQ(g.threads_for(2, now + 1.7), 2);
  g.record(2, 0.01, 0.019, now + 1.7);  // a trial that speeds up keeps the threads
  g.record(2, 0.01, 0.011, now + 1.7);
  g.record(2, 0.01, 0.011, now + 1.7);
  CHECK(!g.serial());
  g.record(2, 0.01, 0.011, now + 1.7);  // and three slow regions are needed again
  CHECK(g.serial());
  CHECK_EQ(g.threads_for(2, now + 2.1), 1);  // the pause is back to 0.5 s
  CHECK_EQ(g.threads_for(2, now + 2.3), 2);
  CHECK_EQ(g.serial_spells(), 3L);
}

TEST(governor_keeps_the_threads_when_regions_speed_up_or_say_little) {
  nmfkit::ThreadGovernor g;
  for (int i = 0; i < 10; ++i) {
    g.record(2, 0.01, 0.011, 1.0);
    g.record(2, 0.01, 0.011, 1.0);
    g.record(2, 0.01, 0.019, 1.0);  // a good region clears the strikes
  }
  CHECK(!g.serial());
  for (int i = 0; i < 10; ++i) g.record(2, 1e-5, 1e-5, 1.0);  // too short to judge
  for (int i = 0; i < 10; ++i) g.record(2, 0.01, -1.0, 1.0);  // no CPU clock
  for (int i = 0; i < 10; ++i) g.record(1, 0.01, 0.01, 1.0);  // one thread
  CHECK(!g.serial());
  CHECK_EQ(g.threads_for(2, 1.0), 2);
  g.set_enabled(false);
  for (int i = 0; i < 5; ++i) g.record(2, 0.01, 0.01, 1.0);
  CHECK_EQ(g.threads_for(2, 1.0), 2);
}

TEST(parallel_for_gives_the_same_items_when_the_governor_runs_it_serially) {
  nmfkit::ThreadGovernor& g = nmfkit::thread_governor();
  const bool was = g.enabled();
  g.set_enabled(true);
  for (int i = 0; i < 3; ++i) g.record(2, 0.01, 0.01, nmfkit::wall_seconds());
  CHECK(g.serial());
  std::vector<int> hits(500, 0);
  nmfkit::parallel_for(500, 2, [&](int i) { hits[i] += 1 + nmfkit::thread_index(); });
  int wrong = 0;
  for (int h : hits) wrong += h != 1;  // every item once, on the calling thread
  CHECK_EQ(wrong, 0);
  g.set_enabled(was);
  CHECK(nmfkit::thread_cpu_seconds() >= 0.0);
}
