// nmfkit: header-only non-negative matrix factorization core.
// Include this header; it pulls in the engine, the data views and the solvers.
#ifndef NMFKIT_NMFKIT_H
#define NMFKIT_NMFKIT_H

#include "config.h"
#include "data.h"
#include "engine.h"
#include "masked.h"
#include "names.h"
#include "nnls.h"
#include "simd.h"
#include "run.h"
#include "snmf.h"
#include "stop.h"
#include "threads.h"
#include "updates.h"

#endif  // NMFKIT_NMFKIT_H
